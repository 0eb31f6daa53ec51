/**
 * The shape every language's rules share (en.ts is the reference; rules.test.ts checks that es and
 * pt fill every key). Entries are written naturally ("don't", "quédense en casa") and folded with
 * foldText when the watchlist is compiled, so case, accents and punctuation do not matter.
 *
 * Phrase lists (matched by the automaton, whole words only) and word lists (looked up in a set
 * around a match) are kept apart: word lists hold very common words (pronouns, articles) that would
 * only slow the automaton down.
 */
export interface LanguageRules {
  lang: 'en' | 'es' | 'pt';

  // ---- directives (phrases)
  /** Vote phrases that precede the candidate they ask to vote for: "vote for", "voten por". */
  voteFor: string[];
  /** Verbs that are a call to vote for the candidate after them only at the start of a clause (or after "please", a comma or a colon): "Support Costa!", "Apoyen a Costa". */
  imperativeFor: string[];
  /** The vote verb alone ("vote", "voten"): a directive when the candidate follows at once; negated and without a candidate, an abstention call ("don't vote"). */
  voteVerbs: string[];
  /** Phrases that precede the candidate they ask to vote against: "vote against", "fuera". */
  voteAgainst: string[];
  /** Calls against a candidate named by a pronoun inside the phrase: "vote her out", "sácalo con tu voto", "tirem ele do cargo". */
  voteAgainstPronoun: string[];
  /** A vote for the candidate after them as a subject: "a vote for X", "quien vote por X"; a call against X when `againstWords` follow in the clause ("… is a vote against your family"). */
  voteForSubject: string[];
  /** Copulas right after a vote phrase's target, which make "votar por Costa" a subject ("… es votar por escuelas"), not a call. */
  copulas: string[];
  /** Words that turn a `voteForSubject` phrase into a call against its candidate: "against", "contra", "traición". */
  againstWords: string[];
  /** Phrases that follow the candidate: "Walsh out", "vote Walsh out". */
  againstAfter: string[];
  /** Phrases right after a candidate that call for them: "Costa deserves your vote", "Ibarra merece tu voto"; a negator in between ("doesn't deserve", "no merece") makes it a call against. */
  forAfter: string[];
  /** Causative leads of a "lead + candidate + outcome" call: "make sure [X loses]", "don't let [X win]", "asegúrense de que [X pierda]", "give [X your vote]". Negated, the outcome flips. */
  causeLeads: string[];
  /** Wishes about the vote, labels.md's "ojalá pierda en noviembre", "que o Lima perca": a wish, a candidate and an outcome, in either order ("I hope [X] loses", "ojalá gane [X]", "tomara que [X] perca"). */
  wishLeads: string[];
  /** Outcomes after `causeLeads` + candidate that are a call for: "win", "your vote", "gane", "ganhar". */
  forTails: string[];
  /** Outcomes after `causeLeads` + candidate that are a call against: "loses", "pierda", "perca". */
  againstTails: string[];
  /** Calls to abstain: "stay home", "quédense en casa", "abstenham-se". */
  abstain: string[];
  /** Hashtag prefixes (one word, folded): `#VoteX`, `#VotenPorX`. */
  hashtagFor: string[];
  /** Hashtag prefixes against: `#NoVotenPorX`, `#ForaX`. */
  hashtagAgainst: string[];
  /** Hashtag suffixes against: `#XOut`, `#XFuera`. */
  hashtagAgainstAfter: string[];

  // ---- directive context (words, looked up around a vote phrase)
  /** Words or word pairs just before a vote phrase that negate it: "not", "don t", "nunca". */
  negators: string[];
  /** Negating words that also count two or three words before the vote phrase: "que ningún valdoriano vote por". */
  distantNegators: string[];
  /** Words just before a vote phrase (or its negator) that make it a statement, not a call: "i", "they", "the". */
  blockers: string[];
  /** Word pairs just before a vote phrase that make it a personal statement: "voy a" (I am going to). */
  blockerPairs: string[];
  /** Words after which a verb still stands at the head of a call: "please", "por favor", "todos". */
  imperativeLeads: string[];
  /** Pronouns that refer back to a candidate named elsewhere: "her", "ella", "nele". */
  pronouns: string[];
  /** First-person objects: "vote for me" is a candidate's own campaign speech (not reported). */
  selfPronouns: string[];
  /** Third-person subject pronouns: "I hope she loses", "ojalá ella pierda", "ela não merece um voto". */
  subjectPronouns: string[];
  /** Words joining several targets: "and", "y", "e". */
  conjunctions: string[];
  /** Prepositions after a bare vote verb ("vote for"), so that "don't vote for the bill" is not an abstention call. */
  prepositions: string[];
  /** "yes" words of a slogan contrast ("Lindqvist sí, Quintero no"). */
  affirmatives: string[];
  /** Articles and possessives: an outcome after `causeLeads` + candidate that takes one as its object ("win the argument", "ganar la discusión") is not about the election, unless an election word follows ("win the election"). */
  articles: string[];
  /** Titles that make a surname alone a reference to a candidate: "Rep.", "congresista". */
  titles: string[];

  // ---- not a directive (phrases)
  /** Reporting and attribution verbs: a directive in the same sentence is reported, not made. */
  report: string[];
  /** Impersonal subjects: a reporting verb right after one (or one word later) reports nothing ("Don't vote, it only encourages them"). */
  impersonals: string[];
  /** Sarcastic conditionals after a call ("vote for X if you love higher taxes"): the call is mocked, not made. */
  sarcasm: string[];
  /** Nouns right after a closing quote that make the quotation something talked about: "the "…" post". */
  quoteNouns: string[];
  /** Condemnation and fact-check cues anywhere in the post. */
  condemn: string[];
  /** Cues that count only at the very start of a post: "FALSO:", "Fact check". */
  condemnStart: string[];
  /** Words that show a post is about an election (abstention calls need one). */
  electionContext: string[];

  // ---- harassment and threats (phrases)
  /** Insults aimed at a person (not at a policy: "garbage" and "disgrace" are not here). */
  insults: string[];
  /** Sexist, racist and xenophobic slurs and phrases. Mild entries, kept for detection only. */
  slurs: string[];
  /** Dehumanizing terms: "vermin", "cucaracha". */
  dehumanizing: string[];
  /** Calls to harass: "flood her inbox", "vayan por ella". */
  harassCalls: string[];
  /** Verbs of dogpiling ("flood", "spam", "llenarle", "lotar") that, with a `harassObjects` noun right after, are a call to harass. */
  harassVerbs: string[];
  /** What a dogpile targets: "replies", "mentions", "dms", "respuestas", "menções". */
  harassObjects: string[];
  /** Wish, intent and modal leads of a threat construction: "someone should", "we'll", "ojalá alguien", "vamos a", "alguém devia", "should be". */
  threatLeads: string[];
  /** Violent verbs completing a `threatLeads` phrase within a few words: "burn", "stab", "mate", "quemarle", "esfaquear". Alone they are not threats ("burn the midnight oil"). */
  violentVerbs: string[];
  /** Words that may follow a violent verb in a threat: property and family nouns ("burn his office", "quemarle la casa") and place prepositions ("dragged through the streets", "arrastado pelas ruas"). After an article, only these (or a candidate) keep it a threat: "shoot a video", "acabar con la corrupción" are not. */
  threatObjects: string[];
  /** Threats of violence or harm: "we know where you live", "ojalá la maten", "vai morrer". */
  threats: string[];
  /** Phrases that cancel a cue they overlap: "witch hunt", "vote of confidence". */
  neutral: string[];
}

/** Keys whose value is a list of phrases or words (every key but `lang`). */
export type RuleListKey = Exclude<keyof LanguageRules, 'lang'>;
