import type { LanguageRules } from './types.js';

/**
 * Portuguese rules (same keys as en.ts). "no"/"na" after a vote verb is the contraction em + o/a
 * ("vote no Pete" = vote for Pete), not a negation.
 * Lexicon entries in `slurs` are offensive words kept only so that abuse can be detected.
 */
export const PT: LanguageRules = {
  lang: 'pt',
  voteFor: ['votem em', 'vote em', 'vota em', 'votemos em', 'votar em', 'votem no', 'votem na', 'vote no', 'vote na', 'vota no', 'vota na', 'votar no', 'votar na', 'votemos no', 'votemos na', 'elejam', 'reelejam', 'deem seu voto a', 'deem o voto a', 'apoiem', 'vamos votar em', 'vamos votar no', 'vamos votar na', 'votem todos em', 'votem todos no', 'votem todos na', 'votem em massa em', 'votem em massa no', 'votem em massa na', 'às urnas pela', 'às urnas pelo', 'às urnas por', 'a votar em', 'todos às urnas pela', 'todos às urnas pelo', 'eleger a', 'eleger o', 'reeleger a', 'reeleger o', 'devem votar em', 'devem votar no', 'devem votar na'],
  imperativeFor: ['apoiem', 'apoie', 'escolham', 'escolha', 'mandem', 'fiquem com', 'reelejam', 'sigam com'],
  voteVerbs: ['votem', 'vote', 'vota', 'votemos', 'votar', 'vao votar'],
  voteAgainst: ['votem contra', 'vote contra', 'vota contra', 'votemos contra', 'votar contra', 'fora', 'derrotem', 'tirem', 'tirem o', 'tirem a', 'chega de', 'digam nao a', 'nao ao', 'nao a', 'castiguem', 'parem de votar em', 'parem de votar no', 'parem de votar na', 'nenhum voto para', 'nenhum voto pra', 'nem um voto para', 'nem um voto pra', 'zero votos para', 'não desperdicem seu voto em', 'não desperdicem seu voto no', 'não desperdicem seu voto na', 'não desperdice seu voto em', 'não desperdice seu voto no', 'não desperdice seu voto na', 'qualquer um menos', 'qualquer um exceto', 'qualquer um menos o', 'qualquer um menos a'],
  voteAgainstPronoun: ['tirem ele do cargo', 'tirem ela do cargo', 'tirem ele', 'tirem ela', 'não deem seu voto a ele', 'não deem seu voto a ela', 'não deem o voto a ele', 'não deem o voto a ela', 'derrotem ele', 'derrotem ela', 'tire ele', 'tire ela', 'castiguem ele nas urnas', 'castiguem ela nas urnas', 'que ele sinta isso nas urnas', 'que ela sinta isso nas urnas', 'que ele pague nas urnas', 'que ela pague nas urnas', 'façam ele pagar nas urnas', 'façam ela pagar nas urnas'],
  voteForSubject: ['um voto em', 'um voto no', 'um voto na', 'cada voto em', 'quem vota em', 'quem vota no', 'quem vota na', 'quem votar em', 'quem votar no', 'quem votar na', 'votar em', 'votar no', 'votar na', 'cada voto no', 'cada voto na', 'todo voto em', 'todo voto no', 'todo voto na'],
  copulas: ['é', 'significa', 'era', 'será', 'equivale a'],
  againstWords: ['contra', 'traição', 'trair', 'trai', 'inimigo', 'inimigos'],
  againstAfter: ['fora', 'nunca mais', 'tem que sair', 'precisa sair', 'deve sair', 'nao', 'não merece seu voto', 'não merece o seu voto', 'não merece o teu voto', 'não merece nosso voto', 'não merece nenhum voto', 'tem que perder', 'precisa perder', 'não merece nem um', 'não merece um único voto'],
  abstain: ['fiquem em casa', 'fique em casa', 'abstenham se', 'abstenha se', 'abstenham', 'absterem se', 'nao vao votar', 'nao saiam para votar', 'boicotem a eleicao', 'boicotem as eleicoes', 'anulem o voto', 'anulem seu voto', 'votem nulo', 'votem em branco', 'nao vale a pena votar', 'nao percam tempo votando', 'não vão às urnas', 'não compareçam', 'fiquem em suas casas'],
  hashtagFor: ['votem em', 'vote em', 'vota em', 'votem', 'vote', 'vota', 'votem no', 'votem na', 'vote no', 'vote na', 'elejam', 'todos com', 'todos com a', 'todos com o', 'eu voto em', 'eu voto na', 'eu voto no'],
  hashtagAgainst: ['não votem em', 'não vote em', 'não votem', 'não vote', 'não votem no', 'não votem na', 'não vote no', 'não vote na', 'nunca votem', 'nunca votem em', 'fora', 'fora a', 'fora o', 'nunca', 'chega de', 'não', 'não ao', 'não a', 'xô'],
  hashtagAgainstAfter: ['fora', 'nunca', 'nunca mais', 'out', 'não'],

  negators: ['nao', 'nunca', 'jamais', 'nunca mais', 'nem', 'ninguem', 'ninguem deve', 'por favor nao', 'nem pensem em', 'nao ousem', 'de jeito nenhum', 'em hipótese alguma', 'de forma alguma'],
  distantNegators: ['ninguém', 'nenhum', 'nenhuma', 'nunca', 'jamais'],
  blockers: ['eu', 'ele', 'ela', 'eles', 'elas', 'nos', 'se', 'o', 'a', 'os', 'as', 'seu', 'sua', 'meu', 'minha', 'um', 'uma', 'cada', 'quem', 'qual', 'como', 'porque', 'por que', 'em quem', 'lhe', 'eleitores', 'congresso', 'comite', 'senado', 'vou', 'vai', 'vao', 'ia', 'iam', 'penso', 'pensava', 'costumo', 'quero', 'sei', 'sabe', 'decidi', 'ja', 'ainda', 'continua', 'continuam', 'tambem', 'sempre'],
  blockerPairs: ['vou votar', 'vai votar', 'nao sei', 'em quem', 'sei em', 'penso em'],
  imperativeLeads: ['por favor', 'todos', 'todas', 'e', 'entao', 'hoje', 'ja', 'gente', 'amigos', 'irmaos', 'vamos', 'devem', 'devemos', 'precisamos', 'que'],
  pronouns: ['ela', 'ele', 'nela', 'nele', 'eles', 'nesse', 'nessa', 'essa', 'esse', 'essa senhora', 'esse senhor', 'essa mulher', 'esse cara', 'a deputada', 'o deputado', 'o candidato', 'a candidata'],
  selfPronouns: ['mim', 'nos', 'em mim', 'na gente', 'nossa campanha', 'nossa equipe', 'nossa candidatura'],
  conjunctions: ['e', 'ou', 'nem'],
  prepositions: ['em', 'no', 'na', 'nos', 'nas', 'contra', 'para', 'com', 'por', 'o', 'a', 'cedo', 'hoje'],
  titles: ['representante', 'congressista', 'deputada', 'deputado', 'senadora', 'senador', 'candidata', 'candidato', 'senhora', 'senhor', 'sra', 'sr', 'dona', 'doutora', 'doutor', 'a', 'o', 'da', 'do', 'na', 'no', 'em', 'contra'],

  report: ['pediu', 'pede', 'pedindo', 'pediu que', 'disse', 'diz que', 'dizem que', 'dizendo', 'afirmou', 'escreveu', 'publicou', 'tuitou', 'postou', 'segundo', 'de acordo com', 'incentivou', 'incentiva', 'incentivando', 'convocou', 'convoca', 'mandou', 'orientou', 'declarou', 'apelou', 'o apelo', 'apelo', 'mensagem', 'acusou', 'teria pedido', 'relata', 'informou', 'manchete', 'ultima hora', 'explica por que', 'quer que', 'criticou', 'pediu a', 'relatou', 'insiste', 'insistiu', 'insistem', 'repetiu', 'repetiram', 'compartilhou', 'compartilharam', 'amplificaram'],
  sarcasm: ['se você ama', 'se vocês amam', 'se você gosta', 'se vocês gostam', 'se você quer mais', 'se vocês querem mais', 'se tu gostas'],
  quoteNouns: ['mensagem', 'mensagens', 'publicação', 'publicações', 'post', 'tuíte', 'apelo', 'chamado', 'comentário', 'declaração', 'vídeo', 'campanha', 'slogan', 'lema'],
  condemn: ['condena', 'condenamos', 'condenou', 'condenavel', 'condenar', 'repudia', 'repudiamos', 'repudiou', 'rejeitamos', 'rejeita', 'e falso', 'falso que', 'checagem', 'fato ou fake', 'verificamos', 'boato', 'ingerencia', 'ingerencia estrangeira', 'interferencia estrangeira', 'interferencia', 'inaceitavel', 'nao e verdade', 'montagem', 'imagem editada', 'desmentimos', 'desmente', 'veredito falso', 'classificação falso'],
  condemnStart: ['falso', 'fake', 'checagem', 'enganoso', 'boato'],
  electionContext: ['eleicao', 'eleicoes', 'votar', 'voto', 'votos', 'votacao', 'urnas', 'urna', 'novembro', 'pleito', 'candidatos', 'candidato', 'candidata', 'fraude', 'eleitoral'],

  insults: ['idiota', 'imbecil', 'porca', 'porco', 'rato', 'rata', 'bruxa', 'palhaca', 'palhaco', 'nojenta', 'nojento', 'cretina', 'cretino', 'desgracada', 'desgracado', 'otaria', 'otario', 'velha louca', 'retardada', 'retardado', 'vaca', 'sem cérebro', 'vergonha de mulher', 'vergonha de homem', 'desmiolada', 'desmiolado', 'uma burra', 'um burro', 'uma estupida', 'um estupido', 'uma gorda'],
  slurs: ['vagabunda', 'puta', 'piranha', 'vadia', 'macaca', 'macaco', 'volta pro teu pais', 'volta pro seu pais', 'volta para o seu pais', 'vai pra tua terra', 'vai embora do pais', 'sua vagabunda', 'cucaracha', 'volta pra tua terra', 'volta pra sua terra'],
  dehumanizing: ['verme', 'vermes', 'barata', 'baratas', 'parasita', 'escoria', 'lixo humano', 'besta', 'sub humana', 'sub humano', 'subumana', 'subumano', 'imundo', 'imunda', 'voltar pra selva'],
  harassCalls: ['infernizar a vida', 'infernizar', 'inundem a caixa', 'lotem a caixa', 'lotem as mensagens', 'vao atras dela', 'vao atras dele', 'vamos atras dela', 'vamos atras dele', 'mandem mensagens sem parar', 'nao deem sossego', 'descubram onde ela mora', 'descubram onde ele mora', 'persigam', 'ate ela desistir', 'ate ele desistir', 'denunciem em massa', 'ataquem o perfil'],
  threats: ['vai morrer', 'vai pagar', 'vai pagar caro', 'vao pagar', 'sabemos onde voce mora', 'sabemos onde ela mora', 'sabemos onde ele mora', 'tomara que morra', 'tomara que morram', 'merece morrer', 'matar ela', 'matar ele', 'mata la', 'mata lo', 'matem', 'matem ela', 'vamos te pegar', 'vamos pegar', 'cuidado na rua', 'cuidado com as costas', 'bala', 'uma bala', 'enforcar', 'enforca la', 'linchar', 'lincha la', 'queimar a casa', 'seus dias estao contados', 'teus dias estao contados', 'vai se arrepender', 'vamos acabar com ela', 'vamos acabar com ele', 'vamos atrás de você', 'você vai se arrepender', 'merece uma bala', 'tem que morrer', 'vamos te encontrar', 'dar uma lição', 'é melhor se cuidar', 'estamos chegando', 'vai se arrepender', 'vou te matar', 'vou matar', 'te mato', 'morra', 'morre logo', 'esmagado', 'esmagada', 'esmagar', 'tem que ser esmagado', 'tem que ser esmagada'],
  neutral: ['caca as bruxas', 'fora de', 'fora do', 'fora da', 'por fora', 'la fora', 'nao ao vivo', 'voto de confianca', 'bala de', 'vai pagar a conta', 'vai pagar o', 'vote no dia', 'votem no dia', 'vote no domingo', 'votem no domingo', 'vote na terca', 'votem na terca', 'vote no proximo', 'votem no proximo'],
};
