/**
 * The API's routes as data: path, input schemas, response schema, CSV rows and handler.
 * app.ts mounts them on Hono; openapi.ts documents them. One table, so the document cannot
 * drift from what is served.
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod/v4';
import type { Store } from '../store/store.ts';
import {
  commitmentsList,
  listDocuments,
  network,
  overviewTotals,
  pairSummary,
  partnerDomainMatrix,
  partnerSummary,
  partnersList,
  queryFacts,
  searchDocIds,
  searchFacets,
  timeline,
  FACET_HIT_CAP,
  type AnalyticsFilter,
  type CommitmentSort,
  type FactKind,
  type PartnerSummary,
  type Timeline,
} from '../store/analytics.ts';
import { encodeCursor, decodeCursor } from '../store/analytics/cursor.ts';
import { SearchSyntaxError } from '../store/search-query.ts';
import { InvalidFilterError } from '../store/filters.ts';
import { ApiError } from './errors.ts';
import { partyKind, partyNames } from './names.ts';
import { loadDomainLabels } from './vocabulary.ts';
import * as S from './schemas.ts';

export interface RouteContext {
  store: Store;
  db: Database;
  now: () => Date;
  domainsFile?: string;
}

type Rows = Record<string, unknown>[];

export interface RouteDef {
  /** OpenAPI-style path: /api/documents/{id}. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  query: z.ZodObject;
  params?: z.ZodObject;
  response: z.ZodType;
  /** Rows of the CSV representation; routes without it are JSON only. */
  csv?: (body: never) => Rows;
  /** Name of the CSV download (without extension). */
  csvName?: string;
  /** Runs with validated inputs; `wantsCsv` lets list routes default to a larger page. */
  handler: (ctx: RouteContext, query: never, params: never, wantsCsv: boolean) => unknown;
}

/** Define a route with its handler typed from its schemas. */
function route<Qs extends z.ZodObject, Ps extends z.ZodObject, R>(def: {
  path: string;
  tag: string;
  summary: string;
  description?: string;
  query: Qs;
  params?: Ps;
  response: z.ZodType;
  csv?: (body: R) => Rows;
  csvName?: string;
  handler: (ctx: RouteContext, query: z.output<Qs>, params: z.output<Ps>, wantsCsv: boolean) => R;
}): RouteDef {
  return def as unknown as RouteDef;
}

/** View filters from a parsed query (drops format etc.). */
function viewFilter(q: AnalyticsFilter): AnalyticsFilter {
  return { since: q.since, until: q.until, lang: q.lang, domain: q.domain, type: q.type, modality: q.modality, party: q.party, pair: q.pair };
}

/** CSV downloads default to a large page: an analyst wants the whole list, not 50 rows. */
function pageLimit(limit: number | undefined, wantsCsv: boolean): number | undefined {
  return limit ?? (wantsCsv ? 1000 : undefined);
}

function withNames(s: PartnerSummary, db: Database) {
  const recorded = (code: string) =>
    (db.prepare('SELECT name FROM event_parties WHERE code = ? AND name IS NOT NULL LIMIT 1').get(code) as { name: string } | undefined)?.name ??
    null;
  return { ...s, parties: s.codes.map((code) => ({ code, kind: partyKind(code), names: partyNames(code, recorded(code)) })) };
}

function timelineRows(t: Timeline): Rows {
  const rows: Rows = [];
  for (const [dimension, series] of [['type', t.by_type], ['modality', t.by_modality]] as const) {
    for (const s of series) t.months.forEach((month, i) => rows.push({ month, dimension, key: s.key, count: s.counts[i] }));
  }
  return rows;
}

const factRoute = (kind: FactKind, response: z.ZodType, summary: string) =>
  route({
    path: `/api/facts/${kind}`,
    tag: 'facts',
    summary,
    description:
      'Same filters as `coopwatch facts`. party: events with that party, commitments of that actor, policies of that jurisdiction, entities of that country. ' +
      'pair (A-B): events whose parties include both; other kinds: facts of either code in articles holding such an event. ' +
      'type and modality apply to events only; status to commitments and policies; kind to entities. ' +
      'Ordered newest article first, then sentence order.',
    query: S.Q.facts,
    response,
    csvName: kind,
    csv: (b: { items: Rows }) => b.items,
    handler: ({ db }, q, _p, csv) => {
      if (q.status && kind !== 'commitments' && kind !== 'policies') {
        throw new ApiError(400, 'invalid_parameter', `status does not apply to ${kind}`, 'status');
      }
      if (q.kind && kind !== 'entities') throw new ApiError(400, 'invalid_parameter', `kind applies to entities only`, 'kind');
      return queryFacts(db, {
        kind,
        ...viewFilter(q),
        doc: q.doc,
        status: q.status,
        entityKind: q.kind,
        cursor: q.cursor,
        limit: pageLimit(q.limit, csv),
      }) as unknown as { items: Rows };
    },
  });

export const ROUTES: RouteDef[] = [
  route({
    path: '/api/documents',
    tag: 'documents',
    summary: 'List articles (newest ingested first)',
    query: S.Q.documents,
    response: S.DocumentPage,
    csvName: 'documents',
    csv: (b: { items: Rows }) => b.items,
    handler: ({ db }, q, _p, csv) =>
      listDocuments(db, { ...q, limit: pageLimit(q.limit, csv) }) as unknown as { items: Rows },
  }),
  route({
    path: '/api/search',
    tag: 'documents',
    summary: 'Full-text search with highlighted snippets and facets',
    description:
      'Words, "phrases", AND / OR / NOT, prefix*; diacritics are ignored. Facets (language, partner, domain, event type) count matching articles, ' +
      `near-duplicates excluded, over at most ${FACET_HIT_CAP} hits. party / domain / type narrow the hits to articles with such facts.`,
    query: S.Q.search,
    response: S.SearchResponse,
    csvName: 'search',
    csv: (b: { hits: object[] }) => b.hits.map((h) => {
      const { snippet_parts: _p, ...rest } = h as Record<string, unknown>;
      return rest;
    }),
    handler: ({ store, db }, q) => search(store, db, q),
  }),
  route({
    path: '/api/documents/{id}',
    tag: 'documents',
    summary: 'One article with its sentences, boilerplate spans and facts',
    query: S.Q.none,
    params: S.P.docId,
    response: S.DocumentDetail,
    handler: ({ store }, _q, p) => {
      const d = store.getDocument(p.id);
      if (!d) throw new ApiError(404, 'not_found', `no document with id "${p.id}"`, 'id');
      return d;
    },
  }),
  factRoute('events', S.EventPage, 'Events (PLOVER)'),
  factRoute('commitments', S.CommitmentRecordPage, 'Commitment records'),
  factRoute('policies', S.PolicyPage, 'Policies'),
  factRoute('entities', S.EntityPage, 'People, organisations and places'),
  route({
    path: '/api/partners',
    tag: 'analytics',
    summary: 'Every party code with its activity, most active first',
    query: S.Q.view,
    response: S.PartnerList,
    csvName: 'partners',
    csv: (b: { items: Rows }) => b.items,
    handler: ({ db }, q) => ({
      items: partnersList(db, viewFilter(q)).map((p) => {
        const kind = partyKind(p.code);
        const names = partyNames(p.code, p.name);
        // A country's recorded names include its institutions ("… National Space Center"): show the country's.
        return { ...p, name: kind === 'country' ? names.en : p.name, kind, names };
      }),
    }),
  }),
  route({
    path: '/api/partners/{code}',
    tag: 'analytics',
    summary: 'One partner: counts by year, event types, modalities, domains, people, organisations, articles, commitments',
    query: S.Q.summary,
    params: S.P.code,
    response: S.PartnerSummary,
    handler: ({ db, now }, q, p) => withNames(partnerSummary(db, p.code, viewFilter(q), now()), db),
  }),
  route({
    path: '/api/pairs/{pair}',
    tag: 'analytics',
    summary: 'One pair (e.g. CZE-VNM): the partner views restricted to events involving both',
    query: S.Q.summary,
    params: S.P.pair,
    response: S.PartnerSummary,
    handler: ({ db, now }, q, p) => withNames(pairSummary(db, p.pair[0], p.pair[1], viewFilter(q), now()), db),
  }),
  route({
    path: '/api/matrix',
    tag: 'analytics',
    summary: 'Partner × domain event counts',
    query: S.Q.view,
    response: S.Matrix,
    csvName: 'matrix',
    csv: (b: { cells: Rows }) => b.cells,
    handler: ({ db }, q) => partnerDomainMatrix(db, viewFilter(q)),
  }),
  route({
    path: '/api/timeline',
    tag: 'analytics',
    summary: 'Events per month by event type and by modality',
    description: 'Month of the event date, else of the article date. Events dated only to the year, or undated, are counted in `undated`.',
    query: S.Q.viewWithParty,
    response: S.Timeline,
    csvName: 'timeline',
    csv: timelineRows,
    handler: ({ db }, q) => timeline(db, viewFilter(q)),
  }),
  route({
    path: '/api/network',
    tag: 'analytics',
    summary: 'Cooperation network: parties (nodes, sized by events) and pairs (edges, weighted by shared events)',
    query: S.Q.view,
    response: S.Network,
    csvName: 'network-edges',
    csv: (b: { edges: Rows }) => b.edges,
    handler: ({ db }, q) => {
      const n = network(db, viewFilter(q));
      const nodes = n.nodes.map((x) => {
        const kind = partyKind(x.code);
        const names = partyNames(x.code, x.name);
        return { ...x, name: kind === 'country' ? names.en : x.name, kind, names };
      });
      return { nodes, edges: n.edges as unknown as Rows };
    },
  }),
  route({
    path: '/api/commitments',
    tag: 'analytics',
    summary: 'Commitments tracker: deadline, status, days left or overdue',
    description: 'overdue = the deadline’s whole period has passed and the status is neither completion nor cancelled.',
    query: S.Q.commitments,
    response: S.CommitmentPage,
    csvName: 'commitments',
    csv: (b: { items: Rows }) => b.items,
    handler: ({ db, now }, q, _p, csv) =>
      commitmentsList(db, {
        status: q.status,
        dueBefore: q.due_before,
        dueAfter: q.due_after,
        overdue: q.overdue,
        party: q.party,
        domain: q.domain,
        lang: q.lang,
        since: q.since,
        until: q.until,
        sort: q.sort as CommitmentSort | undefined,
        cursor: q.cursor,
        limit: pageLimit(q.limit, csv),
        now: now(),
      }) as unknown as { items: Rows },
  }),
  route({
    path: '/api/overview',
    tag: 'analytics',
    summary: 'Overview totals under the dashboard filters',
    query: S.Q.summary,
    response: S.Overview,
    handler: ({ db, now }, q) => overviewTotals(db, viewFilter(q), now()),
  }),
  route({
    path: '/api/stats',
    tag: 'meta',
    summary: 'Store statistics (as `coopwatch stats`)',
    query: S.Q.none,
    response: S.Stats,
    handler: ({ store }) => store.stats(),
  }),
  route({
    path: '/api/domains',
    tag: 'meta',
    summary: 'Technology domains with labels in en / fr / vi',
    query: S.Q.none,
    response: S.Domains,
    handler: ({ domainsFile }) => ({ items: loadDomainLabels(domainsFile) }),
  }),
];

// ---------------------------------------------------------------------------------------------
// Search: the store runs the query and makes snippets; facets and fact filters come from SQL.

const SEARCH_SCAN_CHUNK = 100;

function search(
  store: Store,
  db: Database,
  q: z.output<typeof S.Q.search>,
) {
  const offset = q.cursor ? (decodeCursor(q.cursor, ['n'])[0] as number) : 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > FACET_HIT_CAP * 10) {
    throw new ApiError(400, 'invalid_cursor', 'invalid cursor', 'cursor');
  }
  const limit = q.limit ?? 20;
  const base = { q: q.q, lang: q.lang, since: q.since, until: q.until, excludeDuplicates: true };
  const first = runSearch(store, { ...base, limit: q.party || q.domain || q.type ? SEARCH_SCAN_CHUNK : limit, offset });
  const scope = { fts: first.fts, lang: q.lang, since: q.since, until: q.until, party: q.party, domain: q.domain, type: q.type };
  const facets = first.fts ? searchFacets(db, scope) : { lang: [], partner: [], domain: [], type: [] };

  if (!q.party && !q.domain && !q.type) {
    const next = offset + first.hits.length;
    return { query: q.q, total: first.total, hits: first.hits, facets, next_cursor: next < first.total && first.hits.length ? encodeCursor([next]) : null };
  }
  // Fact filters: keep the store's ranking, drop hits outside the filtered set.
  const allowed = first.fts ? searchDocIds(db, scope) : new Set<string>();
  const hits: typeof first.hits = [];
  let pos = offset;
  let batch = first;
  let more = true;
  while (hits.length < limit && pos < FACET_HIT_CAP) {
    if (pos !== offset) batch = runSearch(store, { ...base, limit: SEARCH_SCAN_CHUNK, offset: pos });
    if (!batch.hits.length) {
      more = false;
      break;
    }
    let i = 0;
    for (; i < batch.hits.length && hits.length < limit; i++) if (allowed.has(batch.hits[i].id)) hits.push(batch.hits[i]);
    pos += i;
    if (pos >= batch.total) {
      more = false;
      break;
    }
  }
  return { query: q.q, total: allowed.size, hits, facets, next_cursor: more && pos < FACET_HIT_CAP ? encodeCursor([pos]) : null };
}

/** store.search, with the store's own input errors (query syntax, filters) reported as 400s. */
function runSearch(store: Store, q: Parameters<Store['search']>[0]) {
  try {
    return store.search(q);
  } catch (e) {
    if (e instanceof SearchSyntaxError) throw new ApiError(400, 'invalid_query', e.message, 'q');
    if (e instanceof InvalidFilterError) throw new ApiError(400, 'invalid_parameter', e.message, null);
    throw e;
  }
}
