/**
 * People / organisations answered from the entity aggregates of migration 5 (src/store/aggregates.ts):
 * the partner page's lists and the overview's distinct names under date and domain filters. Every
 * answer equals the exact query's (analytics.ts, checked by test/serve/aggregates.test.ts).
 */
import type { Database } from 'better-sqlite3';
import { prepared } from './sql.ts';
import { dateConds, type AnalyticsFilter } from './filters.ts';

export interface EntityListRow {
  name: string;
  role: string | null;
  country: string | null;
  documents: number;
}

/**
 * The people or organisations of one party's page, top `limit` by articles then name:
 * names whose row has the party as country, or named in an article with an event of the party in
 * scope (`f`: language, dates, type, modality, domain; party / pair ignored).
 *
 * Without type / modality / domain filters the whole answer is read from the aggregates. With
 * them, rows of the party's country still are; the articles whose events match are read exactly
 * (a subset of the party's articles), each counted unless the name already has a country row there.
 */
export function partyEntityRows(db: Database, code: string, kind: string, f: AnalyticsFilter, limit: number): EntityListRow[] {
  const dated = !!(f.since || f.until);
  if (dated && !(f.type || f.modality || f.domain) && rangeHoldsPartyDates(db, code, kind, f)) return undatedExcluded(db, code, kind, f, limit);
  const table = dated ? 'agg_party_entity_days' : 'agg_party_entities';
  const conds = ['a.party = ?', 'a.kind = ?', 'a.n > 0'];
  const params: unknown[] = [code, kind];
  if (f.lang) conds.push('a.lang = ?'), params.push(f.lang);
  dateConds('a.dt', f, conds, params);
  const eventFiltered = !!(f.type || f.modality || f.domain);
  if (eventFiltered) {
    conds.push(`a.via = 'c'`);
  } else if (dated) {
    // 'e' rows of an article whose events of the party are all dated otherwise than the article:
    // they qualify only if one of those event dates is in range too.
    const ev: string[] = [];
    const evParams: unknown[] = [];
    dateConds('e.date', f, ev, evParams);
    // CROSS JOIN keeps SQLite on the article's few events (events_doc) instead of every event of the party.
    conds.push(`(a.sdoc = 0 OR EXISTS (SELECT 1 FROM events e CROSS JOIN event_parties ep
      WHERE e.doc_seq = a.sdoc AND ep.event_id = e.id AND ep.code = a.party AND ${ev.join(' AND ')}))`);
    params.push(...evParams);
  }
  const agg = `SELECT a.name AS name, SUM(a.docs) AS docs, MAX(NULLIF(a.role, '')) AS role, MAX(NULLIF(a.country, '')) AS country
    FROM ${table} a WHERE ${conds.join(' AND ')} GROUP BY a.name`;
  if (!eventFiltered) {
    return prepared(db, `SELECT name, docs AS documents, role, country FROM (${agg}) ORDER BY docs DESC, name LIMIT ?`).all(
      ...params,
      limit,
    ) as EntityListRow[];
  }

  // Articles with an event of the party matching every filter, and their rows of this kind.
  // Driven from the domain's events when they are fewer than the party's (a frequent party), else
  // from the party's (event_parties_code); CROSS JOIN fixes that order for SQLite.
  const count = (sqlText: string, p: unknown[]) => (prepared(db, sqlText).get(...p) as { n: number }).n;
  const byDomain =
    !!f.domain &&
    count(`SELECT COALESCE(SUM(n), 0) AS n FROM agg_events WHERE party = '' AND domain = ? AND n > 0`, [f.domain]) <
      count(`SELECT COALESCE(SUM(n), 0) AS n FROM agg_party_dates WHERE party = ? AND n > 0`, [code]);
  const evConds = ['d2.duplicate_of IS NULL'];
  const evParams: unknown[] = [];
  if (byDomain) {
    evConds.push(`fd.domain = ?`, `fd.fact_type = 'event'`, `e.id = fd.fact_id`, 'EXISTS (SELECT 1 FROM event_parties ep WHERE ep.event_id = e.id AND ep.code = ?)');
    evParams.push(f.domain, code);
  } else {
    evConds.push('ep.code = ?', 'e.id = ep.event_id');
    evParams.push(code);
  }
  if (f.lang) evConds.push('d2.lang = ?'), evParams.push(f.lang);
  if (f.since) evConds.push('e.eff_date >= ?'), evParams.push(f.since);
  if (f.until) evConds.push('e.eff_date < ?'), evParams.push(f.until + '~');
  if (f.type) evConds.push('e.event = ?'), evParams.push(f.type);
  if (f.modality) evConds.push('e.modality = ?'), evParams.push(f.modality);
  if (f.domain && !byDomain) {
    evConds.push(`e.id IN (SELECT fd.fact_id FROM fact_domains fd WHERE fd.domain = ? AND fd.fact_type = 'event')`);
    evParams.push(f.domain);
  }
  const docConds = ['n.kind = ?', 'd.duplicate_of IS NULL'];
  const docParams: unknown[] = [kind];
  if (f.lang) docConds.push('d.lang = ?'), docParams.push(f.lang);
  if (f.since) docConds.push('d.published >= ?'), docParams.push(f.since);
  if (f.until) docConds.push('d.published < ?'), docParams.push(f.until + '~');
  // Per (article, name): counted unless a row of the name there has the party as country (those
  // articles are in the 'c' rows above). CROSS JOIN: from the matching articles to their rows.
  const exact = `SELECT name, SUM(1 - has_c) AS docs, MAX(role) AS role, MAX(country) AS country FROM (
      SELECT n.name AS name, MAX(CASE WHEN n.country = ? THEN 1 ELSE 0 END) AS has_c, MAX(n.role) AS role, MAX(n.country) AS country
      FROM (SELECT DISTINCT e.doc_seq AS seq FROM ${byDomain ? 'fact_domains fd' : 'event_parties ep'} CROSS JOIN events e
              CROSS JOIN documents d2 WHERE d2.seq = e.doc_seq AND ${evConds.join(' AND ')}) s
      CROSS JOIN entities n CROSS JOIN documents d
      WHERE n.doc_seq = s.seq AND d.seq = n.doc_seq AND ${docConds.join(' AND ')}
      GROUP BY n.doc_seq, n.name) b
    GROUP BY name`;
  return prepared(
    db,
    `SELECT name, SUM(docs) AS documents, MAX(role) AS role, MAX(country) AS country FROM (${agg} UNION ALL ${exact})
     GROUP BY name ORDER BY SUM(docs) DESC, name LIMIT ?`,
  ).all(...params, code, ...evParams, ...docParams, limit) as EntityListRow[];
}

/**
 * Whether the date range of `f` holds every dated row the party's lists could read: the articles'
 * published dates of its people / organisation rows (agg_party_entity_days) and the dates of its
 * events (agg_party_dates), each bound an index probe. Stale rows (n = 0) only widen the bounds.
 */
function rangeHoldsPartyDates(db: Database, code: string, kind: string, f: AnalyticsFilter): boolean {
  const probe = (sqlText: string, p: unknown[]) => (prepared(db, sqlText).get(...p) as { dt: string } | undefined)?.dt;
  for (const dir of ['ASC', 'DESC'] as const) {
    const bound = dir === 'ASC' ? f.since : f.until;
    if (!bound) continue;
    const ends = [
      probe(`SELECT dt FROM agg_party_entity_days WHERE party = ? AND kind = ? AND dt > '' ORDER BY dt ${dir} LIMIT 1`, [code, kind]),
      probe(`SELECT dt FROM agg_party_dates WHERE party = ? AND dt > '' ORDER BY dt ${dir} LIMIT 1`, [code]),
    ];
    for (const dt of ends) {
      if (dt === undefined) continue;
      if (dir === 'ASC' ? dt < bound : dt >= bound + '~') return false;
    }
  }
  return true;
}

/**
 * The party's people / organisations when the date range holds every date (rangeHoldsPartyDates):
 * what the date filter still leaves out is the articles without a published date, so each
 * date-free row (agg_party_entities) minus the same key's undated rows (dt = '') of the day table.
 * The 'e' rows' event-date test always passes: an 'e' row with sdoc <> 0 has only dated events of
 * the party, all in range. Keys are kept when something dated is left (n > 0), so MAX(role) and
 * MAX(country) see the same keys as the day-table query.
 */
function undatedExcluded(db: Database, code: string, kind: string, f: AnalyticsFilter, limit: number): EntityListRow[] {
  const lang = f.lang ? ' AND lang = ?' : '';
  const aLang = f.lang ? ' AND a.lang = ?' : '';
  const sqlText = `SELECT name, SUM(docs) AS documents, MAX(NULLIF(role, '')) AS role, MAX(NULLIF(country, '')) AS country FROM (
      SELECT a.name AS name, a.role AS role, a.country AS country, a.docs - COALESCE(u.docs, 0) AS docs, a.n - COALESCE(u.n, 0) AS n
      FROM agg_party_entities a
      LEFT JOIN (SELECT via, name, lang, role, country, SUM(docs) AS docs, SUM(n) AS n FROM agg_party_entity_days
                 WHERE party = ? AND kind = ? AND dt = ''${lang} GROUP BY via, name, lang, role, country) u
        ON u.via = a.via AND u.name = a.name AND u.lang = a.lang AND u.role = a.role AND u.country = a.country
      WHERE a.party = ? AND a.kind = ? AND a.n > 0${aLang}) x
    WHERE n > 0 GROUP BY name ORDER BY SUM(docs) DESC, name LIMIT ?`;
  const p = f.lang ? [f.lang] : [];
  return prepared(db, sqlText).all(code, kind, ...p, code, kind, ...p, limit) as EntityListRow[];
}

/**
 * Distinct names of a kind in articles matching language, published-date and article-domain
 * filters: one probe of agg_entity_name_days per name ever seen.
 */
export function distinctEntityNameCount(db: Database, kind: string, f: AnalyticsFilter): number {
  const conds = ['b.kind = a.kind', 'b.name = a.name', 'b.domain = ?', 'b.n > 0'];
  const params: unknown[] = [f.domain ?? ''];
  dateConds('b.dt', f, conds, params);
  if (f.lang) conds.push('b.lang = ?'), params.push(f.lang);
  return (
    prepared(
      db,
      `SELECT COUNT(*) AS n FROM (SELECT DISTINCT kind, name FROM agg_entity_names WHERE kind = ?) a
       WHERE EXISTS (SELECT 1 FROM agg_entity_name_days b WHERE ${conds.join(' AND ')})`,
    ).get(kind, ...params) as { n: number }
  ).n;
}
