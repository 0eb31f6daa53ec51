import { API_ERROR_CODES } from './errors.js';
import { CASE_SCHEMAS } from './openapi-cases.js';
import { API_SCHEMAS, returns } from './openapi-schemas.js';

/** The fixed path of the OpenAPI document. */
export const OPENAPI_PATH = '/api/v1/openapi.json';

type Param = { name: string; in: 'path' | 'query'; required?: boolean; description: string; schema?: unknown };
const str = { type: 'string' };
const path = (name: string, description: string): Param => ({ name, in: 'path', required: true, description, schema: str });
const query = (name: string, description: string, schema: unknown = str): Param => ({ name, in: 'query', description, schema });
const PAGE = [query('cursor', 'Opaque cursor from the previous page\'s `next`'), query('limit', 'Items per page (1–500, default 50)', { type: 'integer', minimum: 1, maximum: 500 })];

function op(summary: string, role: 'viewer' | 'analyst' | 'public', parameters: Param[] = [], extra: Record<string, unknown> = {}) {
  const responses: Record<string, unknown> = {
    '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
    '400': { $ref: '#/components/responses/Error' },
    '404': { $ref: '#/components/responses/Error' },
  };
  if (role !== 'public') {
    responses['401'] = { $ref: '#/components/responses/Error' };
    if (role === 'analyst') responses['403'] = { $ref: '#/components/responses/Error' };
  }
  return { summary, description: `Role: ${role}.`, parameters, responses, ...(role === 'public' ? { security: [] } : {}), ...extra };
}

const jsonBody = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });

/**
 * The OpenAPI 3.1 document describing the API (served at {@link OPENAPI_PATH}). The dashboard's types
 * are generated from it: after a change, run `npx tsx scripts/api-types.ts` (a test checks the file).
 */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigil API',
      version: '1',
      description:
        'Races, candidates, foreign state actors, incidents with findings and evidence, posts, coordinated networks and exports. ' +
        'Lists are paginated by opaque cursor. Errors are `{"error":{"code","message"}}` with a stable code. ' +
        'Incidents are indicators for review with caveats, never verdicts.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    paths: {
      [OPENAPI_PATH]: { get: op('This document', 'public') },
      '/api/v1/session': {
        post: op('Exchange a token for an HttpOnly session cookie (the dashboard\'s sign-in)', 'public', [], {
          requestBody: jsonBody({ type: 'object', required: ['token'], properties: { token: str } }),
        }),
      },
      '/api/v1/me': { get: returns(op('The caller\'s role and name (the token holder\'s, which signs the audit trail)', 'viewer'), 'Me') },
      '/api/v1/overview': { get: op('Races with incident counts by kind, and the newest alerts', 'viewer') },
      '/api/v1/races': { get: op('Races', 'viewer', PAGE) },
      '/api/v1/races/{id}': { get: op('One race with incident counts', 'viewer', [path('id', 'Race id')]) },
      '/api/v1/races/{id}/candidates': { get: op('Candidates in a race', 'viewer', [path('id', 'Race id')]) },
      '/api/v1/races/{id}/incidents': {
        get: op('Incidents in a race, highest score first', 'viewer', [
          path('id', 'Race id'),
          query('country', 'ISO country of an involved registry actor'),
          query('kind', 'Finding kind inside the incident', { enum: ['directive', 'harassment', 'threat', 'coordination', 'amplification', 'foreign_money'] }),
          query('status', 'Analyst status', { enum: ['open', 'reviewing', 'confirmed', 'dismissed'] }),
          ...PAGE,
        ]),
      },
      '/api/v1/races/{id}/timeline': { get: op('Findings per time bucket and kind', 'viewer', [path('id', 'Race id'), query('bucket', 'hour or day', { enum: ['hour', 'day'] })]) },
      '/api/v1/incidents': {
        get: returns(op('Incidents of every race, highest score first, with who holds each (`assignee`), `total` and the `assignees` seen', 'viewer', [
          query('status', 'Analyst status', { enum: ['open', 'reviewing', 'confirmed', 'dismissed'] }),
          query('assignee', 'Analyst name, or `none` for incidents nobody holds'),
          query('race', 'Race id'),
          ...PAGE,
        ]), 'IncidentList'),
      },
      '/api/v1/incidents/{id}': {
        get: returns(op('An incident: race, actors (subject chain and `members` named by findings), DISARM techniques, legal indicators with caveats, its audit trail (`history`: who, when, status before and after, note, assignee, finding decision) and one page of `findings` (`items` with `evidenceCount` and `decision`, `total`, `offset`, `limit`, `byKind`, `byDecision`)', 'viewer', [
          path('id', 'Incident id'),
          query('offset', 'First finding of the page (default 0)', { type: 'integer', minimum: 0 }),
          query('limit', 'Findings per page (1–200, default 50)', { type: 'integer', minimum: 1, maximum: 200 }),
          query('kind', 'Finding kind'),
          query('decision', 'Analyst decision on the finding', { enum: ['open', 'confirmed', 'dismissed'] }),
        ]), 'IncidentView'),
        patch: returns(op('One analyst action, signed with the token holder\'s name and kept in the audit trail and the ledger: set the status, add a note, assign (null or "" hands it back), decide on one finding, merge the incident into another of its race, or split chosen findings off into a new incident of its race (all kept across re-runs of analyze). Answers `{action, incident}`; after a split, `action.split.into` names the new incident', 'analyst', [path('id', 'Incident id')], {
          requestBody: jsonBody({
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: {
              status: { enum: ['open', 'reviewing', 'confirmed', 'dismissed'] },
              note: { type: 'string', minLength: 1, maxLength: 4000 },
              assignee: { type: ['string', 'null'], maxLength: 80 },
              finding: { type: 'object', required: ['id', 'decision'], additionalProperties: false, properties: { id: str, decision: { enum: ['open', 'confirmed', 'dismissed'] } } },
              mergeInto: { type: ['string', 'null'], description: 'Merge this incident into another of its race (its findings are then shown and counted there); null undoes it' },
              split: {
                type: 'object',
                required: ['findings'],
                additionalProperties: false,
                description: 'Move these findings (at least one left behind) to a new incident of the race, its id derived from this one and the findings; `into` a split already made off this incident adds them to it',
                properties: { findings: { type: 'array', items: str, minItems: 1, maxItems: 1000 }, into: str },
              },
              splitFrom: { type: 'null', description: 'On a split incident: null undoes the split (its findings go back to the original)' },
            },
          }),
        }), 'CasePatchResult'),
      },
      '/api/v1/incidents/{id}/evidence': {
        get: returns(op('One page of a finding\'s evidence: refs with source and SHA-256, and the stored post (text as data) where there is one', 'viewer', [
          path('id', 'Incident id'),
          query('finding', 'Finding id (required)'),
          query('offset', 'First item (default 0)', { type: 'integer', minimum: 0 }),
          query('limit', 'Items per page (1–200, default 20)', { type: 'integer', minimum: 1, maximum: 200 }),
        ]), 'EvidencePage'),
      },
      '/api/v1/incidents/{id}/export': { get: op('Export one incident (attachment named after the incident; `csv` is a zip of incidents, findings and evidence CSV with a manifest)', 'viewer', [path('id', 'Incident id'), query('format', 'Exporter', { enum: ['json', 'csv', 'html', 'stix'] })]) },
      '/api/v1/actors': { get: op('Registry actors', 'viewer', [query('country', 'ISO country'), ...PAGE]) },
      '/api/v1/actors/{id}': { get: op('An actor: registry entry, affiliation chain, members, incidents and posts about watched races', 'viewer', [path('id', 'Actor id')]) },
      '/api/v1/posts': {
        get: returns(op('Search posts by text, author, race, finding kind and time', 'viewer', [
          query('q', 'Words (folded: case and accents ignored)'),
          query('author', 'Handle or author id'),
          query('race', 'Race id: posts naming or mentioning its candidates'),
          query('kind', 'Finding kind: only evidence posts of findings of this kind (with `race`: that race\'s findings)', { enum: ['directive', 'harassment', 'threat', 'coordination', 'amplification', 'foreign_money'] }),
          query('since', 'ISO time, inclusive'),
          query('until', 'ISO time, exclusive'),
          ...PAGE,
        ]), 'PostPage'),
      },
      '/api/v1/networks': { get: returns(op('Coordinated groups, named by their registry member or most active account', 'viewer', PAGE), 'NetworkPage') },
      '/api/v1/networks/{id}': { get: returns(op('Nodes (activity, registry actor and country, `source` for an amplified author) and edges (weight, co-action `kind`) of a coordinated group, its amplified posts and races', 'viewer', [path('id', 'Group id')]), 'Network') },
      '/api/v1/networks/{id}/export': { get: op('One coordinated group as GEXF 1.3 or GraphML (attachment), for Gephi', 'viewer', [path('id', 'Group id'), query('format', 'File format', { enum: ['gexf', 'graphml'] })]) },
      '/api/v1/networks/{id}/wave': { get: returns(op('The repost wave: for each amplified post, the members\' reposts and quotes with their delay in seconds', 'viewer', [path('id', 'Group id')]), 'Wave') },
      '/api/v1/accounts/{id}': { get: returns(op('An account (`platform:handle`): registry entry or candidate, post count, first and last seen, posts per hour, findings, incidents and coordinated groups; its posts page through `/api/v1/posts?author=`', 'viewer', [path('id', 'platform:handle')]), 'Account') },
      '/api/v1/leads': { get: op('Leads from news reports (`vigil leads`): allegation, accusers, accused, races, quoted posts, responses, suggested grade, status', 'viewer', [query('race', 'Race id: leads concerning that race')]) },
      '/api/v1/leads/{id}': {
        get: op('One lead, with `archived_posts`: the stored posts its quotes were found as (keyed by platform:id)', 'viewer', [path('id', 'Lead id')]),
        patch: op('Confirm a lead (files an allegation finding; opens or joins an incident) or dismiss it', 'analyst', [path('id', 'Lead id')], {
          requestBody: jsonBody({ type: 'object', required: ['action'], additionalProperties: false, properties: { action: { enum: ['confirm', 'dismiss'] }, note: { type: 'string', maxLength: 4000 } } }),
        }),
      },
      '/api/v1/alerts': { get: op('Newest incident alerts and webhook targets\' delivery status', 'viewer') },
      '/api/v1/imports': {
        post: op('Start importing a file from the server\'s import folder', 'analyst', [], { requestBody: jsonBody({ type: 'object', required: ['file'], properties: { file: str, format: str } }) }),
      },
      '/api/v1/imports/{id}': { get: op('Progress of an import', 'analyst', [path('id', 'Import id')]) },
      '/api/v1/events': { get: op('Server-sent events: `incident` for each new or changed incident', 'viewer', [], { responses: { '200': { description: 'text/event-stream' } } }) },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A viewer or analyst token' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'vigil_token' },
      },
      schemas: {
        ...API_SCHEMAS,
        ...CASE_SCHEMAS,
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { enum: [...API_ERROR_CODES] }, message: str } } },
        },
      },
      responses: { Error: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
    },
  };
}
