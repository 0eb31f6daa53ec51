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
 * - death wished in the imperative: "muérete", "drop dead", "morra";
 * - doing away with someone "for good": "take care of her for good", "callarla de una vez por todas";
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
/** Short or irregular harm and death words, matched whole. (Not "faca": folded, it is also "faça", do.) */
const HARM_WORDS = new Set([
  'die', 'dies', 'died', 'dead', 'death', 'shot', 'stab', 'stabs', 'hanged', 'bullet', 'bullets', 'gun', 'knife', 'bomb', 'acid', 'grave', 'coffin', 'rope', 'noose', 'skull', 'blood',
  'mato', 'mata', 'maten', 'matan', 'muera', 'mueras', 'muere', 'morir', 'muerto', 'muerta', 'muertos', 'muertas', 'muerte', 'bala', 'balas', 'plomo', 'tiro', 'tiros', 'balazo', 'cuchillo',
  'machete', 'pistola', 'soga', 'tumba', 'ataud', 'sangre', 'morra', 'morrer', 'morto', 'morta', 'mortos', 'mortas', 'morte', 'facada', 'facadas', 'arma', 'corda', 'caixao', 'cova', 'tumulo', 'sangue',
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
const ELECTORAL = new Set(['vote', 'votes', 'voting', 'ballot', 'ballots', 'polls', 'poll', 'election', 'elections', 'november', 'urnas', 'urna', 'votos', 'voto', 'votar', 'votando', 'eleicao', 'eleicoes', 'elecciones', 'eleccion', 'noviembre', 'novembro', 'primary', 'primaria', 'debate', 'career', 'carrera', 'carreira', 'bill', 'ley', 'lei', 'polls', 'campaign', 'campana', 'campanha']);
/** Intent: first-person future or plan. */
const INTENT = ['i ll', 'ill', 'i will', 'we ll', 'we will', 'im going to', 'i m going to', 'i am going to', 'we re going to', 'were going to', 'we are going to', 'gonna', 'im gonna', 'i m gonna', 'imma', 'ima', 'going to', 'let s', 'lets',
  'voy a', 'vamos a', 'te voy a', 'la voy a', 'lo voy a', 'le voy a', 'les vamos a', 'la vamos a', 'lo vamos a', 'te vamos a', 'vou', 'vamos', 'vou te', 'a gente vai', 'nos vamos', 'vai', 'vao', 'iremos', 'irei'];
/** Wish, modal or incitement heads. */
const WISH = ['should', 'shouldve', 'must', 'deserve', 'deserves', 'deserve to', 'deserves to', 'ought to', 'needs to', 'need to', 'hope', 'i hope', 'hopefully', 'wish', 'i wish', 'if only', 'pray', 'someone should', 'somebody should', 'someone needs to', 'someone ought to', 'somebody needs to',
  'deberia', 'deberian', 'debe', 'deben', 'merece', 'merecen', 'ojala', 'tiene que', 'tienen que', 'tendria que', 'tendrian que', 'hay que', 'habria que', 'que alguien', 'alguien deberia', 'alguien tiene que', 'si tan solo', 'ojala que', 'espero que',
  'would be nice if', 'would be good if', 'it would be nice if', 'seria bom se', 'seria otimo se', 'seria bueno que', 'seria lindo que', 'estaria bien que', 'devia', 'deviam', 'deveria', 'deveriam', 'merece', 'merecem', 'tomara', 'tomara que', 'alguem devia', 'alguem deveria', 'alguem tem que', 'se ao menos', 'quem dera', 'espero que', 'tem que', 'tinha que',
  // the author's own wish in the first person: "le deseo la muerte", "desejo que ele tenha um infarto"
  'deseo que', 'le deseo', 'te deseo', 'les deseo', 'desejo que', 'lhe desejo', 'te desejo'];
/** Words of a place or family the author claims to know (veiled threats). */
const PLACE = new Set(['house', 'home', 'address', 'office', 'car', 'cars', 'truck', 'suv', 'van', 'kids', 'children', 'grandkids', 'grandson', 'granddaughter', 'daughter', 'son', 'wife', 'husband', 'family', 'school', 'daycare', 'church', 'route', 'street', 'road', 'driveway', 'neighborhood', 'parking', 'gym', 'ranch', 'farm',
  'casa', 'direccion', 'oficina', 'carro', 'coche', 'camioneta', 'hijos', 'hijas', 'hija', 'hijo', 'ninos', 'ninas', 'nietos', 'nieta', 'nieto', 'esposa', 'esposo', 'familia', 'escuela', 'primaria', 'secundaria', 'guarderia', 'colegio', 'iglesia', 'ruta', 'calle', 'barrio', 'rancho', 'finca',
  'endereco', 'escritorio', 'caminhonete', 'filhos', 'filhas', 'filha', 'filho', 'criancas', 'netos', 'neta', 'neto', 'mulher', 'marido', 'escola', 'creche', 'igreja', 'caminho', 'rua', 'estrada', 'bairro', 'fazenda', 'sitio', 'chacara']);
const KNOW = ['sabemos en que', 'sabemos cuando', 'sabemos quando', 'a gente sabe', 'we know when', 'we ve been watching', 'been watching', 'we re watching', 'estamos vigilando', 'estamos de olho', 'sabemos que', 'sei que', 'we know where', 'i know where', 'know where', 'we know which', 'we know what', 'sabemos donde', 'se donde', 'sabemos cual', 'sabemos a que', 'sabemos onde', 'sei onde', 'sabemos qual', 'sabemos em que', 'conocemos', 'conhecemos', 'we ve seen', 'hemos visto', 'ja vimos', 'we have your', 'tenemos tu', 'temos o seu', 'temos teu',
  // "we know your ranch", "we know you park behind the office", "conocemos su casa", "sabemos o seu endereço"
  'we know your', 'we know you', 'i know your', 'we all know your', 'sabemos tu', 'sabemos su', 'sabemos sus', 'sabemos o seu', 'sabemos a sua', 'sabemos o teu', 'sabemos a tua', 'sei o seu', 'sei a sua'];
const MENACE = ['be a shame', 'a shame if', 'a pity if', 'seria una lastima', 'una pena que', 'uma pena se', 'seria uma pena', 'seria pena', 'see you', 'see you soon', 'be careful', 'careful', 'watch out', 'watch your back', 'would be a shame', 'shame if', 'accident', 'accidents', 'just saying', 'been warned', 'fair warning', 'consider yourself warned', 'consider this a warning',
  'estas avisado', 'estas avisada', 'quedas avisado', 'quedas avisada', 'queda el aviso', 'foi avisado', 'foi avisada', 'fica o aviso', 'fica avisado', 'fica avisada', 'esta avisado', 'esta avisada', 'soon', 'nos vemos', 'cuidado', 'ten cuidado', 'seria una pena', 'una lastima', 'accidente', 'pronto', 'te vemos', 'a gente se ve', 'se cuida', 'cuidado', 'seria uma pena', 'acidente', 'em breve', 'te vemos', 'fica esperto', 'fique esperta',
];
/**
 * Asides that are menace only beside a place or family the author names ("…la señora que los recoge maneja una
 * Sienna gris. Nomás digo. 🙂"): pointing at what was just said, forgetting nothing, a care that is no care.
 * Not menace after a condition ("si gana, que no se queje nadie. Yo nomás digo").
 */
const ASIDE = ['just sayin', 'nomas digo', 'solo digo', 'so digo', 'so dizendo', 'so falando', 'you never know', 'never know', 'uno nunca sabe', 'nunca se sabe', 'a gente nunca sabe',
  'we dont forget', 'we don t forget', 'we never forget', 'no olvidamos', 'nunca olvidamos', 'nao esquecemos', 'nunca esquecemos', 'drive safe', 'maneje con cuidado', 'dirija com cuidado', 'own good', 'propio bien', 'proprio bem'];
/**
 * Euphemisms of harm that are menace by themselves ("you'll find out", "that could be arranged", "pay her
 * a visit", "teach him a lesson", "darle un susto", "dar uma lição"): a veiled threat unless electoral.
 */
const VEILED = ['find out', 'll find out', 'could be arranged', 'can be arranged', 'be arranged', 'pay a visit', 'pay her a visit', 'pay him a visit', 'pay you a visit', 'teach her a lesson', 'teach him a lesson', 'teach you a lesson', 'better pray',
  'watch yourself', 'sleep with one eye open', 'ya veras', 'vas a ver', 'van a ver', 'dar un susto', 'darle un susto', 'le den un susto', 'una calentadita', 'calentadita', 'darle una leccion', 'dar una leccion', 'hacerle una visita', 'cuidate la espalda',
  'vai ver', 'vai ver so', 'dar um susto', 'dar uma licao', 'dar um corretivo', 'fazer uma visita', 'fazer uma visitinha', 'uma visitinha', 'se cuida', 'reza pra'];
/** Outcomes that are menace when negated ("won't walk home", "no llega vivo", "não sai inteiro"), or "leaves by ambulance". */
/** Feet are an unharmed outcome only as one's own ("won't leave on her own two feet", "no sale por su propio pie", "não sai pelo próprio pé"). */
const FEET = new Set(['feet', 'pie', 'pies', 'pe', 'pes']);
const UNHARMED = new Set(['alive', 'walking', 'piece', 'vivo', 'viva', 'vivos', 'vivas', 'caminando', 'entero', 'entera', 'enteros', 'inteiro', 'inteira', 'inteiros', 'andando', 'caminhando', 'ileso', 'ilesa', ...FEET]);
const OWN_FEET = new Set(['own', 'two', 'propio', 'propia', 'propios', 'proprio', 'propria', 'proprios']);
/** A negation right before the outcome, in a sentence of its own ("… não volta para o carro. Nem inteira."). */
const NOR = new Set(['nem', 'ni', 'nor']);
/**
 * Leaving or ending up somewhere, before a HURT_EXIT word: "leaves in an ambulance", "sale en camilla", "vai sair
 * de maca", "end up in the hospital". The place alone is news ("the surgery went well, she is home from the hospital").
 */
const EXIT = new Set(['leave', 'leaves', 'leaving', 'end', 'ends', 'wind', 'winds', 'carried', 'carry', 'wheeled', 'sale', 'saldra', 'saldras', 'salir', 'sales', 'salga', 'acaba', 'acabar', 'acabara', 'acabaras', 'termina',
  'terminar', 'terminara', 'terminaras', 'sacarlo', 'sacarla', 'sai', 'sair', 'saira', 'sairas', 'saia', 'volta', 'voltar', 'voltara', 'parar', 'parara', 'knock', 'knocked', 'tumbar', 'tumbarle', 'arrancar']);
/** "Accidents" are menace only as a possibility ("accidents happen", "could have an accident"), not as news ("after the car accident"). */
const ACCIDENT = new Set(['accident', 'accidents', 'accidente', 'accidentes', 'acidente', 'acidentes']);
const MAYBE = new Set(['happen', 'happens', 'could', 'would', 'might', 'may', 'can', 'pasan', 'pasar', 'pase', 'ocurren', 'ocurrir', 'suceden', 'puede', 'pueden', 'podria', 'tener', 'tenga', 'tuviera', 'acontecem', 'acontecer', 'aconteca', 'pode',
  'podem', 'poderia', 'ter', 'tenha', 'tivesse', 'sofrer', 'sofra', 'all', 'todo', 'tempo', 'time', 'easily', 'facil', 'facilmente']);
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
/**
 * "Beat" alone is winning as often as blows ("let's beat her in November", "beat the spread"); it is harm
 * with what makes it blows after it ("beat her up", "beat him senseless", "beat you to death").
 */
const BEAT = new Set(['beat', 'beats']);
const BEAT_AS_BLOWS = new Set(['up', 'senseless', 'death', 'bloody', 'shit', 'hell', 'crap', 'ass', 'unconscious', 'pulp', 'black', 'silly']);
/** Death in an idiom of feeling: "que se muera de risa", "morrer de inveja", "dying of embarrassment". */
const OF = new Set(['de', 'of', 'from']);
const FEELING = new Set(['risa', 'rir', 'riso', 'rire', 'verguenza', 'vergonha', 'envidia', 'inveja', 'celos', 'ciume', 'ciumes', 'hambre', 'fome', 'frio', 'calor', 'aburrimiento', 'tedio', 'laughter', 'laughing',
  'embarrassment', 'envy', 'boredom', 'shame', 'cringe', 'jealousy', 'curiosity', 'curiosidad', 'curiosidade', 'amor', 'love', 'sueno', 'sono', 'cansancio', 'cansaco', 'ganas', 'vontade', 'susto', 'miedo', 'medo']);
/**
 * Death wished in the imperative: "muérete", "muéranse", "morra!", "drop dead", "go die", "kill yourself".
 * ("Morre" and "die" alone are also the indicative and the noun: "ele morre no fim", "the die is cast".)
 */
const DIE_NOW = ['muerete', 'muerase', 'mueranse', 'morra', 'morram', 'drop dead', 'go die', 'just die', 'die already', 'kys', 'kill yourself', 'go kill yourself', 'matate', 'matese', 'se mata', 'vai morrer', 'va morir', 'vete a morir', 'vai se matar'];
/** Clitics and subjects between an optative "que" and its verb ("que se muera", "que ele caia", "que lo cuelguen"). */
const OPTATIVE_SUBJECT = new Set(['se', 'lo', 'la', 'le', 'les', 'los', 'las', 'te', 'ele', 'ela', 'eles', 'elas', 'o', 'a', 'os', 'as', 'tu', 'ese', 'esa', 'esse', 'essa', 'el', 'cand', 'ella', 'ellos', 'voce', 'vc']);
/** Subjunctive death verbs that may follow "que" directly ("¡que muera!", "que morra"); a noun there is an exclamation ("¡Qué paliza!"). */
const DIE_SUBJUNCTIVE = new Set(['muera', 'mueras', 'mueran', 'morra', 'morras', 'morram', 'caiga', 'caia', 'maten', 'matem', 'cuelguen', 'enforquem', 'revienten', 'arrebentem', 'queimem', 'quemen']);
/** "Run her over", "ran him over", "running them over": the verb, at most one object word, then "over" (harm with a vehicle; "the meeting ran over" has no object). */
const RUN = new Set(['run', 'runs', 'ran', 'running']);
const OBJECT_PRONOUN = new Set(['her', 'him', 'them', 'you', 'u', 'em', 'it']);
/**
 * An indefinite subject after a wish head lengthens the reach: "I hope some patriot with a pickup truck runs
 * her over", "ojalá algún loco con un cuchillo…" (the subject's own words sit between the head and the harm).
 */
const SOME = new Set(['some', 'someone', 'somebody', 'a', 'an', 'alguien', 'algun', 'alguna', 'algunos', 'un', 'una', 'uno', 'alguem', 'algum', 'alguma', 'um', 'uma']);
const SOME_REACH = 10;
/**
 * Euphemisms of doing away with someone, made harm by a "for good" after them: "take care of that woman for
 * good", "shut him up permanently", "encargarse de ella de una vez por todas", "dar um jeito nele pra sempre".
 * Neither part alone is harm ("take care of your mom", "for good reason"); an electoral word near makes it the vote.
 */
const DO_AWAY = ['take care of', 'deal with', 'shut', 'silence', 'encargarse de', 'encargue de', 'encarguen de', 'ocuparse de', 'callar', 'callarla', 'callarlo', 'dar um jeito', 'dar um jeito nele', 'dar um jeito nela', 'dar cabo de',
  'sumir com', 'calar', 'calar a boca'];
/**
 * The object between a DO_AWAY head and its "for good" must be a person: a pronoun, a watched name ("cand"),
 * or a word for a person ("that woman"). "Acabar con la corrupción de una vez", "get rid of the fees for good"
 * are policy; "get rid of X for good" and "acabar con X" are left out as heads, being said of votes as often.
 */
const PERSON = new Set(['her', 'him', 'them', 'cand', 'woman', 'man', 'guy', 'lady', 'bitch', 'ella', 'el', 'ellos', 'mujer', 'vieja', 'viejo', 'tipo', 'senor', 'senora', 'ele', 'ela', 'eles', 'nele', 'nela', 'dele', 'dela', 'mulher', 'homem', 'cara', 'velha', 'velho', 'callarla', 'callarlo']);
const FOR_GOOD = ['for good', 'permanently', 'once and for all', 'para siempre', 'de una vez', 'de una vez por todas', 'pra sempre', 'para sempre', 'de vez', 'de uma vez', 'de uma vez por todas', 'definitivamente'];
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
const P_ASIDE = split(ASIDE);
const P_VEILED = split(VEILED);
const P_COND = split(CONDITIONAL);
const P_BETTER = split(BETTER_WITHOUT.filter((x) => x.includes(' ')));
const P_LIKE = split(LIKE_YOU);
const P_WELL = split(WELL);
const P_DO_AWAY = split(DO_AWAY);
const P_FOR_GOOD = split(FOR_GOOD);
const P_DIE_NOW = split(DIE_NOW);
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
  // an infinitive with its object pronoun attached ("enterrarlo", "colgarla", "quemarlos")
  const bare = ENCLITIC.exec(w);
  return bare !== null && bare[1]!.length >= 5 && isHarm(bare[1]!);
}
const ENCLITIC = /^(.+[aei]r)(?:lo|la|los|las|le|les)$/;

/** Window (words) between a construction's head and its harm word. */
const REACH = 6;

/** Future or conditional endings of es/pt verbs ('lastimaré', 'masacraremos', 'machucaria', 'matarei'). */
const FUTURE_END = /(are|ere|ire|aremos|eremos|iremos|aria|eria|iria|arei|erei|irei|ariamos|eriamos)$/;
const HARM = 1, INTENT_HEAD = 2, WISH_HEAD = 4, KNOW_HEAD = 8, COND_HEAD = 16, BETTER_HEAD = 32, LIKE_HEAD = 64, ELECT = 128, COUNTER_W = 256, PLACE_W = 512, MENACE_HEAD = 1024, HARM_FUTURE = 2048, LEGAL = 4096, UNHARMED_W = 8192, HURT_EXIT_W = 16384, HAPPEN_W = 32768, WAIT_W = 65536, VEILED_HEAD = 131072, BODY_W = 262144, BREAK_W = 524288, WELL_HEAD = 1048576, ATTACK_W = 2097152, RUN_W = 4194304, DO_AWAY_HEAD = 8388608, ASIDE_HEAD = 16777216, DIE_NOW_HEAD = 33554432;
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
const SAYING = new Set(['wishing', 'wished', 'saying', 'said', 'threatening', 'desear', 'deseaba', 'decir', 'dijo', 'amenazar', 'desejar', 'desejou', 'dizer', 'disse', 'ameacar', 'dizendo', 'diciendo',
  'insisting', 'insist', 'claiming', 'claim', 'arguing', 'insistiendo', 'insistir', 'afirmando', 'afirmar', 'alegando', 'insistindo', 'afirmou', 'afirmo']);
/** Complementisers after a verb of saying: "insisting that …", "insistiendo con que …", "dizer que …". */
const THAT = new Set(['that', 'que']);
/** Which word classes a folded word starts or belongs to (cache it per distinct word: see features.ts). */
export function constructionFlags(w: string): number {
  return (isHarm(w) ? HARM : 0) | (P_INTENT.has(w) ? INTENT_HEAD : 0) | (P_WISH.has(w) ? WISH_HEAD : 0) | (P_KNOW.has(w) ? KNOW_HEAD : 0) | (P_COND.has(w) ? COND_HEAD : 0) |
    (P_BETTER.has(w) || w.startsWith('extermin') ? BETTER_HEAD : 0) | (P_LIKE.has(w) ? LIKE_HEAD : 0) | (ELECTORAL.has(w) ? ELECT : 0) | (COUNTER_SET.has(w) ? COUNTER_W : 0) |
    (PLACE.has(w) ? PLACE_W : 0) | (P_MENACE.has(w) ? MENACE_HEAD : 0) | (isHarm(w) && FUTURE_END.test(w) ? HARM_FUTURE : 0) | (LEGAL_WORDS.has(w) ? LEGAL : 0) |
    (UNHARMED.has(w) ? UNHARMED_W : 0) | (HURT_EXIT.has(w) ? HURT_EXIT_W : 0) | (HAPPEN.has(w) ? HAPPEN_W : 0) | (WAIT.has(w) ? WAIT_W : 0) | (P_VEILED.has(w) ? VEILED_HEAD : 0) |
    (BODY.has(w) ? BODY_W : 0) | (BREAK.has(w) ? BREAK_W : 0) | (P_WELL.has(w) ? WELL_HEAD : 0) | (ATTACK.test(w) ? ATTACK_W : 0) | (RUN.has(w) ? RUN_W : 0) | (P_DO_AWAY.has(w) ? DO_AWAY_HEAD : 0) | (P_ASIDE.has(w) ? ASIDE_HEAD : 0) | (P_DIE_NOW.has(w) ? DIE_NOW_HEAD : 0);
}

/**
 * Constructions in a post's folded words.
 * @example threatConstructions('@Rep te voy a lastimar'.split(' ')) // [{kind:'intent', …}]
 */
export function threatConstructions(words: readonly string[], known?: ArrayLike<number>, clauseOf?: (word: number) => number): ConstructionHit[] {
  const out: ConstructionHit[] = [];
  let flags: ArrayLike<number> = known ?? Uint32Array.from(words, constructionFlags);
  let any = 0;
  for (let i = 0; i < words.length; i++) any |= flags[i]!;
  // Nothing to build from: no harm word, no place, no "better without", no "like you".
  if (!(any & (HARM | PLACE_W | BETTER_HEAD | LIKE_HEAD | UNHARMED_W | HURT_EXIT_W | MENACE_HEAD | WAIT_W | VEILED_HEAD | BODY_W | WELL_HEAD | ATTACK_W | RUN_W | DO_AWAY_HEAD | ASIDE_HEAD | DIE_NOW_HEAD))) return out;
  // Two-part harm: a body part at most three words after a verb of breaking ("snap that neck of yours"), and
  // "run" with one object word before "over" ("runs her over").
  // And harm words that are none in context: "beat" without blows after it, death "of laughter".
  if (any & (BODY_W | RUN_W | HARM)) {
    // Copied on the first change only (most posts with a harm word change nothing), and only this post's words:
    // `known` may be the caller's buffer, sized for the longest post seen.
    let own: Uint32Array | undefined;
    const change = (i: number, f: number) => {
      if (!own) {
        own = new Uint32Array(words.length);
        for (let k = 0; k < words.length; k++) own[k] = flags[k]!;
      }
      own[i] = f;
    };
    for (let i = 0; i < words.length; i++) {
      const f = flags[i]!;
      if (f & RUN_W && OBJECT_PRONOUN.has(words[i + 1] ?? '') && words[i + 2] === 'over') change(i, f | HARM);
      else if (f & HARM && BEAT.has(words[i]!) && !words.slice(i + 1, i + 4).some((w) => BEAT_AS_BLOWS.has(w))) change(i, f & ~HARM);
      else if (f & HARM && OF.has(words[i + 1] ?? '') && FEELING.has(words[i + 2] ?? '')) change(i, f & ~HARM);
      else if (f & BODY_W && any & BREAK_W && !INDEFINITE.has(words[i - 1] ?? '')) {
        for (let k = Math.max(0, i - 3); k < i; k++) if (flags[k]! & BREAK_W) { change(i, f | HARM); break; }
      }
    }
    if (own) flags = own;
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
  // Only inside the head's sentence: "Que ele caia e não levante mais. I hope he dies" is no counter-speech.
  const counterBefore = (i: number, to = i) => {
    const own = clauseOf?.(i);
    for (let k = Math.max(0, i - 4); k < to; k++) if (flags[k]! & COUNTER_W && (own === undefined || clauseOf!(k) === own)) return true;
    return false;
  };
  const opensSentence = (i: number) => i === 0 || (clauseOf !== undefined && clauseOf(i - 1) !== clauseOf(i));
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
    if (fl & UNHARMED_W && !electoralNear(i)) {
      const feet = FEET.has(words[i]!);
      // the own-feet phrase is three words long ("pelo próprio pé"), so its negation stands further back
      const negated = feet ? OWN_FEET.has(words[i - 1] ?? '') && counterBefore(Math.max(0, i - 2), i) : NOR.has(words[i - 1] ?? '') || counterBefore(i);
      if (negated) out.push({ kind: 'conditional', text: text(Math.max(0, i - (feet ? 6 : 4)), 1, i), word: i });
    }
    if (fl & HURT_EXIT_W && !electoralNear(i)) {
      for (let k = Math.max(0, i - 4); k < i; k++) if (EXIT.has(words[k]!) && (!clauseOf || clauseOf(k) === clauseOf(i))) { out.push({ kind: 'conditional', text: text(k, 1, i), word: i }); break; }
    }
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
    // The optative: a sentence that opens with "que" and a harm word in its next three words ("Que se muera",
    // "Que ele caia duro", "¡Que lo cuelguen!"): a wish in Spanish and Portuguese without any wish verb.
    if (words[i] === 'que' && opensSentence(i) && !electoralNear(i) && !counterBefore(i, i + 4)) {
      let h = flags[i + 1]! & HARM && DIE_SUBJUNCTIVE.has(words[i + 1]!) ? i + 1 : undefined;
      for (let k = i + 2; h === undefined && k < Math.min(words.length, i + 4) && OPTATIVE_SUBJECT.has(words[k - 1]!); k++) if (flags[k]! & HARM) h = k;
      if (h !== undefined) out.push({ kind: 'wish', text: text(i, 1, h), word: i, harm: h });
    }
    if (fl & DIE_NOW_HEAD) {
      const n = phraseAt(words, i, P_DIE_NOW);
      if (n && !electoralNear(i) && !counterBefore(i)) out.push({ kind: mentioned(i) ? 'quoted' : 'wish', text: text(i, n, i + n - 1), word: i, harm: i });
    }
    if (fl & DO_AWAY_HEAD) {
      const n = phraseAt(words, i, P_DO_AWAY);
      let person = n > 0 && (PERSON.has(words[i + n - 1]!) || PERSON.has(words[i]!));
      for (let k = i + n; n && k < Math.min(words.length, i + n + 5); k++) {
        const m = phraseAt(words, k, P_FOR_GOOD);
        if (!m) { person ||= PERSON.has(words[k]!); continue; }
        if (person && !electoralNear(i) && !counterBefore(i)) out.push({ kind: mentioned(i) ? 'quoted' : 'intent', text: text(i, n, k + m - 1), word: i, harm: i });
        break;
      }
    }
    if (fl & WELL_HEAD) {
      const n = phraseAt(words, i, P_WELL);
      if (n) out.push({ kind: 'wellWish', text: text(i, n, i + n - 1), word: i });
    }
    const menace = fl & MENACE_HEAD && phraseAt(words, i, P_MENACE) > 0 && (!ACCIDENT.has(words[i]!) || words.slice(Math.max(0, i - 5), i + 6).some((w) => MAYBE.has(w)));
    if (menace || (fl & ASIDE_HEAD && phraseAt(words, i, P_ASIDE))) {
      let found = false;
      for (let k = i + 1; menace && k < Math.min(words.length, i + 9) && !found; k++) if (flags[k]! & HAPPEN_W) { out.push({ kind: 'knowledge', text: text(i, 1, k), word: i }); found = true; }
      // a place or family word anywhere near the menace ("casa amarela, dois filhos pequenos. Seria uma pena…");
      // an aside points back only
      for (let k = Math.max(0, i - 14), end = menace ? Math.min(words.length, i + 9) : i; k < end && !found; k++) if (flags[k]! & PLACE_W) { out.push({ kind: 'knowledge', text: text(Math.min(i, k), 1, Math.max(i, k)), word: i }); found = true; }
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
      const h = nearHarm(i + n, SOME.has(words[i + n] ?? '') ? SOME_REACH : REACH);
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
