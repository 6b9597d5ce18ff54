/**
 * Per-document facet keys: the distinct event parties, event types and document domains of each
 * document, one narrow row each, so that search facets over up to FACET_HIT_CAP matching documents
 * read one short primary-key range per hit instead of joining every hit's events (wide rows with
 * their JSON record) and their parties. At 20,000 articles the partner facet of a common word took
 * ~0.7 s through events → event_parties; from this table the four facets take a few ms.
 *
 * Kept correct like the aggregate tables, and by the same calls: a document's rows depend only on
 * its own facts, so AggregateWriter.factsOf removes them right before the facts are deleted and
 * adds them right after they are written, in the same transaction.
 */
import type Database from 'better-sqlite3';
import { scoped } from './scope-sql.ts';

export const DOC_FACETS_SQL = `
-- facet: 'party' (a code of any event of the document), 'type' (an event type), 'domain' (a
-- document domain). WITHOUT ROWID: the table is its primary-key B-tree.
CREATE TABLE doc_facets (
  doc_seq INTEGER NOT NULL,
  facet TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (doc_seq, facet, value)
) WITHOUT ROWID;
`;

/** `{E}` / `{F}`: scope placeholders (scope-sql.ts) on `events e` / `fact_domains fd`. */
const ADD = [
  `INSERT INTO doc_facets (doc_seq, facet, value)
   SELECT DISTINCT e.doc_seq, 'party', ep.code FROM events e JOIN event_parties ep ON ep.event_id = e.id WHERE {E}
   ON CONFLICT DO NOTHING`,
  `INSERT INTO doc_facets (doc_seq, facet, value)
   SELECT DISTINCT e.doc_seq, 'type', e.event FROM events e WHERE {E}
   ON CONFLICT DO NOTHING`,
  `INSERT INTO doc_facets (doc_seq, facet, value)
   SELECT DISTINCT fd.doc_seq, 'domain', fd.domain FROM fact_domains fd WHERE fd.fact_type = 'document' AND {F}
   ON CONFLICT DO NOTHING`,
];

/** Fill doc_facets from the stored facts (the migration's data step; empty table). */
export function backfillDocFacets(db: Database.Database): void {
  for (const s of ADD) db.prepare(scoped(s, 'all')).run();
}

/** Per-document maintenance, statements prepared once per connection. Run inside the write's transaction. */
export class DocFacetWriter {
  private readonly add: Database.Statement[];
  private readonly del: Database.Statement;

  constructor(db: Database.Database) {
    this.add = ADD.map((s) => db.prepare(scoped(s, 'doc')));
    this.del = db.prepare('DELETE FROM doc_facets WHERE doc_seq = ?');
  }

  /** After the document's facts are written. */
  added(seq: number): void {
    for (const s of this.add) s.run({ seq });
  }

  /** Before (or after) the document's facts are deleted. */
  removed(seq: number): void {
    this.del.run(seq);
  }
}
