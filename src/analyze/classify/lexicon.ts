/**
 * Abuse lexicon, graded for the harassment rule of labels.md: slurs tied to identity, dehumanising
 * comparisons, sexualised abuse, appearance and disability insults, gross profanity — and, apart,
 * the "legitimate criticism" words (liar, corrupt, traitor, clown, idiot…) that must not make a post
 * harassment on their own. Entries are folded (lower case, no accents, punctuation as spaces).
 *
 * Sources: lexicon-data.json (LDNOOBW via the npm package naughty-words, CC BY 4.0, filtered and graded
 * by scripts/build-lexicon.ts) and the project's own graded terms below, written for Vigil in English,
 * Spanish and Portuguese. The graded hits are features of the model and cues for explanations; no
 * single word decides a label.
 */
import data from './lexicon-data.json' with { type: 'json' };

export type Grade = 'slur' | 'dehumanizing' | 'sexual' | 'appearance' | 'profanity' | 'legit' | 'violence' | 'death';
/** The grades that make a word abuse of a person (labels.md's harassment list); legit, violence and death are not. */
export const ABUSE_GRADES: ReadonlySet<Grade> = new Set(['slur', 'dehumanizing', 'sexual', 'appearance', 'profanity']);

/** Vigil's own graded terms (all three languages in one table: posts code-switch). */
const OWN: Record<Grade, string[]> = {
  slur: [
    'bitch', 'whore', 'slut', 'skank', 'hoe', 'cunt', 'twat', 'thot', 'dyke', 'faggot', 'fag', 'tranny', 'retard', 'retarded', 'wetback', 'beaner', 'spic', 'illegal alien', 'anchor baby',
    'go back to your country', 'go back where you came from', 'go back to where you came from', 'go back to mexico', 'go back home', 'crazy', 'psycho', 'lunatic', 'mentally ill', 'nutjob',
    'puta', 'putita', 'zorra', 'perra', 'golfa', 'guarra', 'ramera', 'furcia', 'mal cogida', 'malcogida', 'maricon', 'marica', 'joto', 'puto', 'tortillera', 'sudaca', 'mojado', 'indio de mierda',
    'vete a tu pais', 'regresa a tu pais', 'largate a tu pais', 'vuelvete a tu pais', 'retrasado', 'retrasada', 'mongolico', 'mongolica', 'subnormal', 'loca', 'loco', 'desquiciada', 'ilegal',
    'vadia', 'piranha', 'vagabunda', 'cadela', 'puta', 'biscate', 'quenga', 'viado', 'veado', 'bicha', 'sapatao', 'traveco', 'retardado', 'retardada', 'debil mental', 'louca', 'doida', 'maluca',
    'volta pro teu pais', 'volta pra tua terra', 'volta para o seu pais', 'volta pro seu pais', 'puta que pariu',
    // "go back to …" aimed at a person is about national origin, whatever place follows
    'go back to', 'go home to', 'regresate a', 'regresate pa', 'vete a tu', 'vuelvete a', 'regresa a tu', 'largate a', 'que se vaya a su', 'que se regrese a', 'volta pra', 'volta para a tua', 'vai embora pra', 'volta pro', 'louco', 'maluco', 'doido', 'demente', 'senil',
    'frustrada sexual', 'mal comida', 'mal amada', 'piranhuda',
    // disability and mental-health insults (labels.md: "crazy")
    'demented', 'deranged', 'mentally unstable', 'sick in the head', 'brain dead', 'braindead', 'bimbo', 'desequilibrada', 'desequilibrado', 'trastornada', 'trastornado',
    'demencia', 'psicopata', 'enferma mental', 'enfermo mental', 'doente mental', 'pirada', 'pirado', 'biruta', 'gaga',
    // sexuality, religion, origin and slut-shaming slurs missing above
    'marimacha', 'machorra', 'machona', 'sapatona', 'polack', 'muzzie', 'mujerzuela', 'zorrona', 'facilona', 'negrata',
  ],
  dehumanizing: [
    'vermin', 'rat', 'rats', 'pig', 'pigs', 'cockroach', 'cockroaches', 'roach', 'parasite', 'parasites', 'leech', 'leeches', 'worm', 'worms', 'ape', 'monkey', 'mongrel', 'dog', 'mutt', 'trash',
    'garbage', 'scum', 'scumbag', 'filth', 'subhuman', 'swine', 'maggot', 'rodent', 'snake', 'animal', 'beast', 'cow', 'sow', 'hog', 'virus', 'plague', 'cancer', 'sewer rat', 'bottom feeder',
    'rata', 'ratas', 'cerdo', 'cerda', 'puerco', 'puerca', 'marrano', 'marrana', 'cucaracha', 'parasito', 'parasita', 'sanguijuela', 'gusano', 'mono', 'mona', 'simio', 'perro', 'perra',
    'basura', 'escoria', 'alimana', 'bicho', 'sabandija', 'lacra', 'bestia', 'vibora', 'vaca', 'foca', 'plaga', 'piojo', 'chancho', 'chancha', 'cucarachas',
    'rato', 'ratazana', 'porco', 'porca', 'barata', 'sanguessuga', 'verme', 'macaco', 'macaca', 'cachorro', 'cachorra', 'cao', 'lixo', 'escoria', 'praga', 'jumento', 'jumenta', 'cobra',
    'lacraia', 'besta', 'vaca', 'baleia', 'gentalha', 'parasitas', 'nojento', 'asqueroso', 'imundo', 'desprezivel', 'repugnante', 'asquerosa', 'nojenta', 'sujo', 'cochino',
    'disgusting', 'repulsive', 'vile creature', 'degenerate', 'lowlife', 'sewer', 'esgoto', 'cloaca',
    // more animals of dehumanising comparisons, in the three languages
    'baboon', 'gorilla', 'hyena', 'slug', 'louse', 'lice', 'vulture', 'jackal', 'bloodsucker', 'babuino', 'gorila', 'hiena', 'babosa', 'garrapata', 'piojosa', 'piojoso', 'buitre',
    'chupasangre', 'lesma', 'carrapato', 'piolho', 'urubu', 'verme nojento', 'gado', 'hippo', 'hippopotamus', 'hipopotamo',
  ],
  sexual: [
    // a position gained by sexual favours: the standard sexualised smear of women in office, in the three languages
    'on her knees', 'on your knees', 'sleeping her way', 'slept her way', 'sleeps her way', 'sleeping with the boss', 'abriu as pernas', 'abrir as pernas', 'abrindo as pernas', 'abre as pernas',
    'abriendo las piernas', 'abrio las piernas', 'abre las piernas', 'abrir las piernas', 'se abre de piernas', 'de rodillas', 'de joelhos',
    'suck my', 'blow me', 'bang her', 'sit on my', 'nudes', 'gangbang', 'rape her', 'rape you', 'chupamela', 'chupame', 'mamamela', 'te voy a coger', 'cogerte', 'follarte', 'gostosa', 'vou te comer',
    'te comer', 'chupa meu', 'mamar', 'rabuda', 'peituda', 'tetona', 'culona', 'nalgona',
  ],
  appearance: ['velhote', 'velha', 'velho babao', 'velha gagá', 'vieja', 'viejo verde', 'pirralha', 'pirralho', 'old hag', 'old fart', 'geezer', 'fat', 'fatso', 'fatty', 'ugly', 'whale', 'hag', 'old hag', 'hideous', 'gorda', 'gordo', 'fea', 'feo', 'vieja fea', 'cara de', 'bruja', 'gorda', 'feia', 'feio', 'bruxa', 'baranga', 'canhao', 'jaburu', 'gordinha', 'horrorosa', 'horrendo', 'horrenda', 'witch',
    'face of a', 'face like a', 'enano', 'enana', 'anao', 'anao de jardim', 'bruaca'],
  profanity: [
    'fuck', 'fucking', 'fucker', 'fuckin', 'motherfucker', 'shit', 'shithead', 'piece of shit', 'asshole', 'dumbass', 'jackass', 'bastard', 'son of a bitch', 'dickhead', 'dick', 'prick', 'wanker',
    'stfu', 'gtfo', 'pos', 'cocksucker', 'douchebag', 'douche', 'mierda', 'pendejo', 'pendeja', 'cabron', 'cabrona', 'hijo de puta', 'hija de puta', 'hdp', 'hijueputa', 'gilipollas', 'culero', 'culera',
    'pinche', 'chinga tu madre', 'chingada', 'chingate', 'verga', 'huevon', 'weon', 'cono', 'carajo', 'mamon', 'mamona', 'conchatumadre', 'malparido', 'malparida', 'chupapijas', 'forro', 'boludo', 'boluda',
    'porra', 'caralho', 'merda', 'filho da puta', 'filha da puta', 'fdp', 'arrombado', 'arrombada', 'desgracado', 'desgracada', 'corno', 'otario', 'otaria', 'babaca', 'escroto', 'escrota', 'vagabundo',
    'cuzao', 'pau no cu', 'vai tomar no cu', 'vai se foder', 'foda se', 'lazarento', 'lazarenta', 'bosta', 'cretino', 'cretina', 'pqp', 'vsf', 'tnc', 'cu',
    'comemierda', 'singao', 'singado', 'pedazo de mierda',
  ],
  legit: [
    // policy topics that contain violence words ("gun control" is not a threat)
    'gun control', 'gun violence', 'gun laws', 'gun law', 'gun rights', 'gun owners', 'gun safety', 'gun reform', 'gun lobby', 'gun show', 'shooting victims', 'mass shootings', 'mass shooting',
    'control de armas', 'porte de armas', 'violencia armada', 'controle de armas', 'posse de armas', 'violencia policial',
    'liar', 'lying', 'corrupt', 'crook', 'hypocrite', 'incompetent', 'coward', 'puppet', 'sold out', 'sellout', 'traitor', 'clown', 'idiot', 'stupid', 'moron', 'dumb', 'fool', 'imbecile', 'extremist',
    'racist', 'resign', 'fraud', 'thief', 'disgrace', 'embarrassment', 'useless', 'failure', 'joke', 'spineless', 'shill', 'grifter', 'loser', 'pathetic', 'shameless', 'snake oil',
    'mentiroso', 'mentirosa', 'corrupto', 'corrupta', 'hipocrita', 'incompetente', 'cobarde', 'titere', 'vendido', 'vendida', 'traidor', 'traidora', 'payaso', 'payasa', 'idiota', 'estupido', 'estupida',
    'imbecil', 'extremista', 'racista', 'renuncia', 'ladron', 'ladrona', 'inutil', 'verguenza', 'fraude', 'tonto', 'tonta', 'sinverguenza', 'lambiscon', 'vendepatria', 'ratero',
    'mentiroso', 'corrupto', 'corrupta', 'hipocrita', 'incompetente', 'covarde', 'fantoche', 'marionete', 'traidor', 'traidora', 'palhaco', 'palhaca', 'idiota', 'estupido', 'estupida', 'imbecil',
    'ladrao', 'ladra', 'bandido', 'bandida', 'inutil', 'vergonha', 'vendido', 'vendida', 'burro', 'burra', 'mentirosa', 'lambe botas', 'pelego', 'renuncie', 'fracassado', 'fracassada',
  ],
  violence: [
    'kill', 'killed', 'shoot', 'shot', 'stab', 'strangle', 'choke', 'hang', 'hanged', 'lynch', 'burn', 'beat', 'bullet', 'bullets', 'gun', 'knife', 'bomb', 'blow up', 'run over', 'slit', 'throat',
    'skull', 'coffin', 'grave', 'rope', 'blood', 'axe', 'acid', 'torch', 'gasoline', 'matar', 'matarla', 'matarlo', 'mato', 'matamos', 'balazo', 'bala', 'balas', 'plomo', 'cuchillo', 'apunalar',
    'ahorcar', 'colgar', 'quemar', 'golpear', 'paliza', 'madrazo', 'machete', 'pistola', 'tiro', 'tiros', 'bomba', 'atropellar', 'degollar', 'veneno', 'sangre', 'soga', 'tumba', 'ataud',
    'matar', 'mata', 'tiro', 'bala', 'faca', 'facada', 'esfaquear', 'enforcar', 'queimar', 'espancar', 'surra', 'porrada', 'arma', 'revolver', 'bomba', 'atropelar', 'degolar', 'veneno',
    'sangue', 'corda', 'tumulo', 'caixao', 'cova', 'fuzilar', 'paulada', 'pedrada', 'cacetada', 'acido',
  ],
  death: [
    'die', 'dies', 'dead', 'death', 'deathbed', 'rip', 'murder', 'murdered', 'execute', 'executed', 'six feet under', 'body bag', 'morir', 'muera', 'muerta', 'muerto', 'muerte', 'mueras', 'se muera',
    'asesinar', 'asesinen', 'fusilar', 'fusilen', 'morrer', 'morra', 'morta', 'morto', 'morte', 'assassinar', 'assassinem', 'executar', 'cadaver', 'enterrar', 'enterrado', 'enterrada',
  ],
};

/** Second-person words: abuse next to them is aimed at the addressee (a reply to the candidate). */
export const SECOND_PERSON = new Set(['you', 'your', 'youre', 'yourself', 'u', 'ur', 'ya', 'tu', 'te', 'ti', 'usted', 'vos', 'contigo', 'voce', 'vc', 'teu', 'tua', 'seu', 'sua', 'contigo', 'vcs', 'voces', 'ustedes']);
/**
 * Third-person singular words that refer back to someone named before ("Alcántar … if that rat shows his face
 * he won't be walking"): folded, so without the accented "él"; no "la"/"lo"/"o"/"a", which are articles too.
 */
export const THIRD_PERSON = new Set(['he', 'she', 'him', 'her', 'his', 'hers', 'himself', 'herself', 'ella', 'le', 'su', 'sus', 'ele', 'ela', 'dele', 'dela', 'nele', 'nela', 'lhe']);

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Grade precedence when a term is listed twice: the more specific grade wins. */
const RANK: Record<Grade, number> = { slur: 7, dehumanizing: 6, sexual: 5, death: 4, violence: 3, appearance: 2, profanity: 1, legit: 0 };

function build(): Map<string, Grade> {
  const m = new Map<string, Grade>();
  const put = (term: string, g: Grade) => {
    const k = fold(term);
    if (!k) return;
    const had = m.get(k);
    if (had === undefined || RANK[g] > RANK[had]) m.set(k, g);
  };
  const entries = (data as { entries: Record<string, Record<string, 'slur' | 'profanity'>> }).entries;
  for (const lang of Object.values(entries)) for (const [w, g] of Object.entries(lang)) put(w, g);
  // Own grades are set last and override the imported ones (legit words drop out of the abuse grades).
  // Inflections are generated, not listed: gender (-o/-a) and plural (-s/-es) of every single word,
  // unless the variant is itself listed ("puto" and "puta" are graded apart).
  const own = new Map<string, Grade>();
  for (const [g, terms] of Object.entries(OWN) as [Grade, string[]][]) for (const t of terms) own.set(fold(t), g);
  // Diminutives of slurs mock as much ("retrasadito", "bichinha"; of appearance words they are as often fond: "velhinha"):
  // Spanish -ito/-ita and Portuguese -inho/-inha, of the base's gender ("bicha" → "bichinha", not
  // "bichinho": a little bug). Not of animals, whose diminutives are pets ("perrita", "ratinho").
  const DIMINUTIVE = new Set<Grade>(['slur']);
  const NOT_DIMINUTIVE = new Set(['perrita', 'perritas', 'perrinha', 'perrinhas']);
  for (const [t, g] of own) {
    if (t.includes(' ') || t.length < 4) continue;
    const variants = [`${t}s`, /[^aeiou]$/.test(t) ? `${t}es` : ''];
    if (t.endsWith('o')) variants.push(`${t.slice(0, -1)}a`, `${t.slice(0, -1)}as`);
    if (t.endsWith('a')) variants.push(`${t.slice(0, -1)}o`, `${t.slice(0, -1)}os`);
    if (DIMINUTIVE.has(g)) {
      const stem = /[oa]$/.test(t) && !/(it|inh)[oa]$/.test(t) ? t.slice(0, -1) : undefined;
      const g2 = t.slice(-1);
      // (c/g before the ending change spelling, "loca" → "loquita": those stems are left out)
      if (stem && !/[cg]$/.test(stem)) for (const end of [`it${g2}`, `it${g2}s`, `inh${g2}`, `inh${g2}s`]) if (!NOT_DIMINUTIVE.has(`${stem}${end}`)) variants.push(`${stem}${end}`);
    }
    for (const v of variants) if (v && !own.has(v) && !m.has(v)) m.set(v, g);
  }
  for (const [t, g] of own) m.set(t, g);
  return m;
}

/** Folded term → grade. */
export const LEXICON: ReadonlyMap<string, Grade> = build();
/** How strongly a word is abuse (its grade's precedence; 0 for legit, violence, death and unlisted words): the normaliser's tie-break for masked words. */
export function abuseRank(word: string): number {
  const g = LEXICON.get(word);
  return g !== undefined && ABUSE_GRADES.has(g) ? RANK[g] : 0;
}

/** Every proper word prefix of a multi-word term ("son of a" of "son of a bitch"): extend a match only through these. */
const PREFIXES: ReadonlySet<string> = (() => {
  const p = new Set<string>();
  for (const k of LEXICON.keys()) {
    const parts = k.split(' ');
    for (let i = 1; i < parts.length; i++) p.add(parts.slice(0, i).join(' '));
  }
  return p;
})();

/** Every single-word term and every word of four letters or more of a longer one ("ch1ng4 tu m4dr3"), for the normaliser's "known words". */
export function lexiconWords(): string[] {
  return [...new Set([...LEXICON.keys()].flatMap((k) => (k.includes(' ') ? k.split(' ').filter((w) => w.length >= 4) : [k])))];
}

export interface LexiconHit {
  grade: Grade;
  term: string;
  /** Index of the first word in the folded word list. */
  word: number;
  /** `unaimedUse(hit, words, context)`, once postFeatures has asked (decide asks again for the same words). */
  unaimed?: Unaimed;
}

/** Whether a folded word starts a listed term or is one (what lexiconHits must look at). */
export function lexiconStarts(word: string): boolean {
  return LEXICON.has(word) || PREFIXES.has(word);
}

/**
 * Profanity that doubles as a degree word: "a fucking angel", "why the fuck", "de una puta vez",
 * "ni puta idea", "uma puta sacanagem". Before a noun it intensifies that noun and is aimed at nobody,
 * which labels.md's "gross profanity aimed at the person" needs.
 */
const DEGREE_ING = new Set(['fucking', 'fuckin', 'fucken', 'freaking', 'frickin', 'effing', 'goddamn', 'damn', 'bloody']);
const DEGREE_NOUN = new Set(['puta', 'puto', 'putas', 'putos', 'pinche', 'punetera', 'punetero', 'jodida', 'jodido', 'maldita', 'maldito']);
/**
 * Words a prenominal degree word follows: articles, demonstratives, first/third-person possessives,
 * prepositions, "ni", "que", "menuda" (EN/ES/PT). Not "your"/"tu"/"teu": "tu puta madre" is aimed.
 */
const BEFORE_NOUN = new Set([
  'the', 'a', 'an', 'this', 'that', 'my', 'our', 'his', 'her', 'their', 'no', 'of', 'in', 'on', 'every',
  'la', 'el', 'las', 'los', 'una', 'un', 'mi', 'mis', 'su', 'sus', 'esta', 'esa', 'este', 'ese', 'de', 'del', 'en', 'ni', 'que', 'menuda', 'menudo', 'toda', 'todo', 'nuestra', 'nuestro', 'cada',
  'da', 'do', 'uma', 'um', 'essa', 'esse', 'minha', 'meu', 'nossa', 'nosso', 'na', 'pra', 'numa', 'num',
]);

/** Portuguese and Spanish profanity that follows an adjective as a degree ("pra caralho", "del carajo"). */
const DEGREE_POSTPOSED = new Set(['porra', 'caralho', 'caramba', 'cacete', 'carajo']);
const DEGREE_AFTER = new Set(['pra', 'pa', 'para']);
/** Copulas before "a"/"una": "she is a fucking mess", "eres una puta sin…" predicate a noun of a person. */
const COPULA_BEFORE = new Set(['is', 'are', 'was', 'es', 'eres', 'sos', 'era', 'ser', 'e', 'eh', 'foi', 'virou', 'sera']);
/** Function words after a word make it the head of its phrase ("la puta del gobierno", "una puta más"), not a degree. */
const NOT_A_NOUN = new Set(['de', 'del', 'da', 'do', 'dos', 'das', 'y', 'e', 'o', 'que', 'sin', 'con', 'mas', 'en', 'a', 'of', 'and', 'or', 'desde', 'lo', 'la', 'el', 'como', 'pero', 'but', 'who', 'que', 'q']);
/** Profanity nouns that a prenominal degree word can intensify as objects: "me importa una puta mierda". */
const DEGREE_OBJECT = new Set(['mierda', 'merda', 'shit', 'crap', 'bosta']);
/** Possessives that aim "puta madre" at someone ("tu puta madre", "la puta madre que te parió"); else it is an interjection. */
const AIMED_MOTHER = new Set(['tu', 'su', 'vuestra', 'tua', 'sua', 'your', 'ur']);
const BORE = /^pari/;
/** Profanity after a question word or "holy" is an exclamation: "how the hell", "como carajo", "que merda". */
const EXCLAIMED = new Set(['carajo', 'carajos', 'porra', 'merda', 'caralho', 'shit', 'cono', 'diablos', 'mierda']);
const EXCLAIM_BEFORE = new Set(['holy', 'como', 'que', 'donde', 'quien', 'onde', 'quem', 'cade']);

/**
 * Possessives before an animal or disease word make it the thing itself ("write in your dog", "her
 * cancer", "mi perro"), not a comparison. Not Portuguese "seu"/"sua": "seu verme!", "sua vaca" are vocatives.
 */
const OWNER = new Set(['your', 'ur', 'my', 'his', 'her', 'our', 'their', 'tu', 'tus', 'mi', 'mis', 'su', 'sus', 'nuestro', 'nuestra', 'meu', 'minha', 'teu', 'tua', 'nosso', 'nossa']);

/**
 * Words of affection ("love u", "miss you", "te amo", "mi favorita"): a slur beside one is banter or praise,
 * not an attack (HateCheck's reclaimed and affectionate uses; labels.md's harassment "attacks ... as a person").
 */
const AFFECTION = new Set(['love', 'luv', 'miss', 'amo', 'quiero', 'adoro', 'favorita', 'favorito', 'favorite', 'fave', 'saudade', 'saudades']);
/** Heart and kiss emoji (not in the word list: the normaliser reads only emoji that stand for abuse or ballots as words). */
export const HEARTS = /[\u2764\u2665\u{1F493}-\u{1F49F}\u{1F60D}\u{1F618}\u{1F970}]/u;

/**
 * How an abuse word is used when it is aimed at nobody, or not at a watched candidate: a degree word ("de una
 * puta vez"), a thing someone owns ("your dog"), a third party (`aimedElsewhere`), or a slur said with
 * affection ("love u bitch", "tú eres mi zorra favorita", `hearts`: the post has a heart emoji).
 */
export type Unaimed = 'degree' | 'owned' | 'affection' | 'other' | null;

/** Demonstratives: "esse asno", "esa perra de mierda", "that pig" point at someone in view, not the addressee. */
const DEMONSTRATIVE = new Set(['esse', 'essa', 'esses', 'essas', 'este', 'esta', 'estes', 'estas', 'ese', 'esa', 'esos', 'esas', 'aquele', 'aquela', 'aquel', 'aquella', 'that', 'this', 'those', 'these']);
/** "la perra de tu amiga", "o lixo do teu chefe": the abuse word heads a phrase about someone else. */
const OF = new Set(['de', 'da', 'do', 'del', 'of']);
const OF_OWNER = new Set(['tu', 'mi', 'su', 'la', 'el', 'o', 'a', 'meu', 'minha', 'teu', 'tua', 'seu', 'sua', 'your', 'my', 'his', 'her', 'the']);

/**
 * Whether the abuse word at `h` names a third party in a post that names no candidate by name (only by a
 * handle, as a reply does): after a demonstrative ("esse asno", "that pig") or heading "X de tu/la Y" ("la
 * perra de tu amiga"). labels.md: abuse aimed at someone who is not a watched candidate is not harassment.
 * With a candidate named, the demonstrative usually points at them ("Whitaker, essa vaca velha").
 */
function aimedElsewhere(h: LexiconHit, words: readonly string[]): boolean {
  const end = h.word + h.term.split(' ').length;
  // "estes filhos da puta", "esos hijos de puta": the phrase's head comes before "de puta".
  const head = OF.has(words[h.word - 1] ?? '') && h.word >= 2 ? h.word - 2 : h.word;
  const demonstrative = DEMONSTRATIVE.has(words[head - 1] ?? '') || DEMONSTRATIVE.has(words[head - 2] ?? '');
  const ofSomeone = OF.has(words[end] ?? '') && OF_OWNER.has(words[end + 1] ?? '') && words[end + 2] !== undefined && words[end + 2] !== 'cand';
  return demonstrative || ofSomeone || aimedAtGroup(h, head, words) || firstPersonSubject(head, words);
}

/** Plural determiners and collective nouns before an abuse word: "those rats", "of them motherfuckers", "uma cambada de vagabundos". */
const GROUP_BEFORE = new Set(['them', 'estos', 'esos', 'estas', 'esas', 'estes', 'esses', 'essas', 'todos', 'todas', 'bunch', 'cambada', 'cambadas', 'bando', 'monte', 'panda', 'corja', 'manada', 'gentalha']);
const nearSecondPerson = (words: readonly string[], at: number) => {
  for (let k = Math.max(0, at - 3); k <= Math.min(words.length - 1, at + 3); k++) if (SECOND_PERSON.has(words[k]!) || words[k] === 'voces' || words[k] === 'vosotros') return true;
  return false;
};
/**
 * Abuse of a group (a plural abuse noun, or one after a plural determiner or a collective noun) with no
 * second person beside it: "they are animals", "São uma cambada de vagabundos" is about people in view,
 * not the one watched candidate the reply is addressed to. "You rats" stays aimed.
 */
function aimedAtGroup(h: LexiconHit, head: number, words: readonly string[]): boolean {
  if (nearSecondPerson(words, h.word)) return false;
  for (let k = Math.max(0, head - 3); k < h.word; k++) if (GROUP_BEFORE.has(words[k]!)) return true;
  const w = words[h.word]!;
  return w.endsWith('s') && (LEXICON.has(w.slice(0, -1)) || (w.endsWith('es') && LEXICON.has(w.slice(0, -2))));
}

/** First-person possessives: "mi novia es tremenda perra", "my ex is a bitch" — the subject is someone the author knows. */
const FIRST_POSSESSIVE = new Set(['my', 'mi', 'mis', 'meu', 'minha', 'meus', 'minhas']);
function firstPersonSubject(head: number, words: readonly string[]): boolean {
  for (let k = Math.max(0, head - 5); k < head - 1; k++) {
    if (!FIRST_POSSESSIVE.has(words[k]!) || COPULA_BEFORE.has(words[k + 1]!)) continue;
    let copula = false;
    for (let j = k + 2; j < head; j++) {
      if (SECOND_PERSON.has(words[j]!) || words[j] === 'cand') return false;
      if (COPULA_BEFORE.has(words[j]!)) copula = true;
    }
    if (copula) return true;
  }
  return false;
}

/** What `unaimedUse` needs to know about the whole post. */
export interface PostContext {
  /** A heart or kiss emoji in the post. */
  hearts: boolean;
  /** A watched candidate named by name or alias (not only by handle). */
  named: boolean;
}

/** Speech verbs: "talk shit", "só fala merda", "no dice más que mierda" — the profanity is what is said, not a name for the speaker. */
const SPEECH = new Set(['talk', 'talks', 'talking', 'talked', 'say', 'says', 'saying', 'speak', 'speaks', 'spew', 'spews', 'spewing', 'fala', 'falar', 'falando', 'falou', 'diz', 'dizer', 'dizendo', 'disse',
  'habla', 'hablar', 'hablando', 'hablas', 'dice', 'decir', 'diciendo', 'dijo', 'dices', 'falas', 'escreve', 'escribe']);

export function unaimedUse(h: LexiconHit, words: readonly string[], post: PostContext = { hearts: false, named: true }): Unaimed {
  if (intensifies(h, words)) return 'degree';
  if (DEGREE_OBJECT.has(words[h.word]!) && (SPEECH.has(words[h.word - 1] ?? '') || (words[h.word - 1] === 'de' && SPEECH.has(words[h.word - 2] ?? '')))) return 'degree';
  const prev = words[h.word - 1];
  if (h.grade === 'dehumanizing' && prev !== undefined && OWNER.has(prev)) return 'owned';
  if (!post.named && aimedElsewhere(h, words)) return 'other';
  if (h.grade === 'slur' || h.grade === 'profanity') {
    if (post.hearts) return 'affection';
    for (let k = Math.max(0, h.word - 4); k <= Math.min(words.length - 1, h.word + 4); k++) if (AFFECTION.has(words[k]!)) return 'affection';
  }
  return null;
}

/**
 * Whether the single-word hit at `h` is profanity used as a degree word: an -ing form, or a
 * prenominal "puta"-type word after a determiner or preposition, before a word that is neither a
 * person (a watched name, a handle, "you"), nor itself abuse ("you fucking idiot" stays aimed).
 * "the fuck" ("what the fuck") counts too.
 */
export function intensifies(h: LexiconHit, words: readonly string[]): boolean {
  if (h.grade !== 'profanity' && h.grade !== 'slur' && h.grade !== 'dehumanizing') return false;
  const w = words[h.word]!;
  const prev = words[h.word - 1];
  const next = words[h.word + 1];
  if (w === 'fuck' || w === 'hell' || w === 'heck') return prev === 'the';
  // "ruim pra porra", "lindo pra caralho", "show do caralho": a degree after its adjective.
  if (prev !== undefined && DEGREE_AFTER.has(prev) && DEGREE_POSTPOSED.has(w)) return true;
  // "como carajo", "qué carajos pasa", "que porra é essa", "holy shit": an exclamation, not an insult.
  if (prev !== undefined && EXCLAIM_BEFORE.has(prev) && EXCLAIMED.has(w)) return next === undefined || (next !== 'cand' && next !== 'user' && !SECOND_PERSON.has(next) && next !== 'de');
  const before = words[h.word - 2];
  // "(la) puta madre", "de puta madre": an interjection or "great", aimed at nobody — unless a possessive,
  // "hijo de" or "que te parió" aims it at a mother ("tu puta madre", "hijo de puta madre").
  // "hostia puta", "puta vida": interjections.
  if ((w === 'puta' || w === 'puto') && (prev === 'hostia' || next === 'vida')) return true;
  if ((w === 'puta' || w === 'puto') && next === 'madre') {
    if (prev !== undefined && AIMED_MOTHER.has(prev)) return false;
    if (prev === 'de' && (before === 'hijo' || before === 'hija' || before === 'hijos' || before === 'hijas')) return false;
    for (let k = h.word + 2; k < Math.min(words.length, h.word + 6); k++) if (BORE.test(words[k]!)) return false;
    return true;
  }
  const degree = DEGREE_ING.has(w) || (DEGREE_NOUN.has(w) && prev !== undefined && BEFORE_NOUN.has(prev));
  if (!degree || next === undefined || NOT_A_NOUN.has(next)) return false;
  if (before !== undefined && COPULA_BEFORE.has(before) && (prev === 'a' || prev === 'an' || prev === 'una' || prev === 'uma' || prev === 'la')) return false;
  return next !== 'cand' && next !== 'user' && !SECOND_PERSON.has(next) && (DEGREE_OBJECT.has(next) || !lexiconStarts(next));
}

/**
 * Graded terms in a list of folded words (longest match at each position). `starts`, when given, says
 * per word whether lexiconStarts holds (callers that cache word facts skip the lookups).
 */
export function lexiconHits(words: readonly string[], starts?: ArrayLike<number>): LexiconHit[] {
  const hits: LexiconHit[] = [];
  for (let i = 0; i < words.length; i++) {
    if (starts && !starts[i]) continue;
    let key = words[i]!;
    let best: LexiconHit | undefined;
    for (let n = 0; ; ) {
      const g = LEXICON.get(key);
      if (g !== undefined) best = { grade: g, term: key, word: i, unaimed: undefined };
      if (!PREFIXES.has(key) || i + ++n >= words.length) break;
      key = `${key} ${words[i + n]}`;
    }
    if (best) {
      hits.push(best);
      i += best.term.split(' ').length - 1; // the words of a multi-word term are not matched again
    }
  }
  return hits;
}

/** Folded words of a text (the lexicon's tokenisation). */
export function foldedWords(text: string): string[] {
  const f = fold(text);
  return f ? f.split(' ') : [];
}

const ABUSE: ReadonlySet<Grade> = new Set(['slur', 'dehumanizing', 'sexual', 'appearance', 'profanity']);
const BASELINE_THREAT = new Set(['kill', 'die', 'dead', 'shoot', 'murder', 'matar', 'muera', 'morir', 'muerte', 'morrer', 'morra', 'morte', 'bala', 'tiro']);

/**
 * A keyword baseline for benches: harassment when any abuse-graded term occurs, threat when one of a
 * dozen violence words does. It is what a newsroom's first filter does, and what the detector must beat.
 */
export function keywordBaseline(text: string): { harassment: boolean; threat: boolean } {
  const w = foldedWords(text);
  const hits = lexiconHits(w);
  return { harassment: hits.some((h) => ABUSE.has(h.grade)), threat: w.some((x) => BASELINE_THREAT.has(x)) };
}
