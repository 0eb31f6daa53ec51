/**
 * Response schemas of the read-only routes behind the dashboard's investigating pages (accounts,
 * networks, post search), part of the OpenAPI document. The dashboard's types are generated from
 * that document (`npx tsx scripts/api-types.ts` → web/src/api-types.ts), so this is the one place
 * the shapes are written down; a test checks the generated file is current.
 */
import { arr, bool, counts, int, nullable, num, obj, ref, str } from './openapi-build.js';


export const API_SCHEMAS: Record<string, unknown> = {
  Post: obj(
    {
      platform: str,
      id: str,
      authorId: str,
      authorHandle: str,
      createdAt: str,
      text: str,
      lang: str,
      urls: arr(str),
      hashtags: arr(str),
      mentions: arr(str),
      replyTo: str,
      repostOf: str,
      quoteOf: str,
      repostOfAuthor: str,
      contentHash: str,
    },
    ['lang', 'replyTo', 'repostOf', 'quoteOf', 'repostOfAuthor'],
  ),
  PostPage: obj({ items: arr(ref('Post')), next: str }, ['next']),
  NetworkNode: obj({ id: str, label: str, actorId: str, country: str, activity: num, source: bool }, ['actorId', 'country', 'source']),
  NetworkEdge: obj({ source: str, target: str, weight: num, kind: { type: 'string', description: 'repost, link, hashtag, text, co-action or amplifies' } }),
  AmplifiedPost: obj({ ref: str, author: str, createdAt: str, text: str }, ['author', 'createdAt', 'text']),
  Network: obj(
    {
      id: str,
      label: str,
      findingId: str,
      score: num,
      raceIds: arr(str),
      explanation: str,
      observedAt: str,
      medianDelaySeconds: num,
      amplified: arr(ref('AmplifiedPost')),
      nodes: arr(ref('NetworkNode')),
      edges: arr(ref('NetworkEdge')),
      incidents: arr(obj({ id: str, title: str, raceId: str })),
    },
    ['medianDelaySeconds'],
  ),
  NetworkSummary: obj({ id: str, label: str, accounts: int, score: num, raceIds: arr(str) }),
  NetworkPage: obj({ items: arr(ref('NetworkSummary')), next: str }, ['next']),
  Wave: obj({
    items: arr(
      obj(
        {
          ref: str,
          author: str,
          createdAt: str,
          text: str,
          reposts: arr(obj({ account: str, ref: str, createdAt: str, seconds: num })),
        },
        ['author', 'text'],
      ),
    ),
  }),
  Account: obj({
    account: obj({ id: str, platform: str, handle: str }),
    registry: nullable(obj({ id: str, name: str, country: str, role: str, kind: str })),
    candidate: nullable(obj({ id: str, name: str, raceId: str })),
    posts: int,
    postsCapped: bool,
    firstSeen: nullable(str),
    lastSeen: nullable(str),
    activity: arr(obj({ t: str, n: int })),
    findings: arr(obj({ id: str, kind: str, score: num, observedAt: str, explanation: str, raceIds: arr(str) })),
    incidents: arr(obj({ id: str, title: str, score: num, status: str, raceId: str })),
    networks: arr(obj({ id: str, label: str, accounts: int, score: num, source: bool })),
    coActors: arr(obj({ account: str, weight: num, kinds: arr(str) })),
  }),
  FindingActivity: arr(obj({ t: str, counts })),
};

/** The 200 response of an operation as one of the schemas above. */
export function returns<T extends { responses: Record<string, unknown> }>(operation: T, schema: keyof typeof API_SCHEMAS & string): T {
  operation.responses['200'] = { description: 'OK', content: { 'application/json': { schema: ref(schema) } } };
  return operation;
}
