/**
 * Kysely as a pure query builder for the analytic queries.
 *
 * Why: queries are composed from optional filters, and building SQL strings by hand invites
 * injection and dialect drift. Kysely compiles to parameterised SQL (portable to PostgreSQL later)
 * but its execution path is async; better-sqlite3 is synchronous and fastest with prepared
 * statements. So we compile with a DummyDriver and run the SQL ourselves, caching one prepared
 * statement per distinct SQL text per database handle.
 */
import type { Database, Statement } from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';

/** Column types of the tables the analytic queries read (mirrors src/store/migrations.ts). */
export interface DB {
  documents: {
    seq: number;
    id: string;
    source_path: string;
    title: string | null;
    text: string;
    lang: string;
    published: string | null;
    published_precision: string | null;
    published_month: string | null;
    url: string | null;
    site_name: string | null;
    source: string | null;
    duplicate_of: string | null;
    domains: string;
    bytes: number;
    ingested_at: string;
  };
  events: {
    id: string;
    doc_seq: number;
    event: string;
    mode: string | null;
    modality: string;
    date: string | null;
    date_precision: string | null;
    confidence: number;
    sentence_idx: number;
    start_offset: number;
    end_offset: number;
    event_text: string;
    record: string;
    /** COALESCE(date, document published) (migration 8). */
    eff_date: string | null;
  };
  event_parties: { event_id: string; role: string; code: string; name: string | null; sector: string | null };
  commitments: {
    id: string;
    doc_seq: number;
    actor_codes: string;
    what: string;
    deadline: string | null;
    deadline_precision: string | null;
    status: string;
    confidence: number;
    sentence_idx: number;
    record: string;
    /** The document's published date (migration 8). */
    eff_date: string | null;
  };
  policies: {
    id: string;
    doc_seq: number;
    name: string;
    jurisdiction: string | null;
    status: string;
    date: string | null;
    sentence_idx: number;
    record: string;
    /** COALESCE(date, document published) (migration 8). */
    eff_date: string | null;
  };
  entities: {
    id: string;
    doc_seq: number;
    kind: string;
    name: string;
    country: string | null;
    role: string | null;
    sector: string | null;
    record: string;
  };
  fact_domains: { fact_id: string; fact_type: string; doc_seq: number; domain: string };
  doc_facets: { doc_seq: number; facet: string; value: string };
}

/** Builder only: never executes (DummyDriver). */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new SqliteIntrospector(k),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

const MAX_CACHED = 512;
const cache = new WeakMap<Database, Map<string, Statement>>();

/** Prepared statement for `sqlText`, cached per database handle (bounded, oldest evicted first). */
export function prepared(db: Database, sqlText: string): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let st = m.get(sqlText);
  if (!st) {
    st = db.prepare(sqlText);
    if (m.size >= MAX_CACHED) m.delete(m.keys().next().value as string);
    m.set(sqlText, st);
  }
  return st;
}

/** Compile a Kysely query and run it synchronously, returning all rows. */
export function all<R>(db: Database, q: Compilable<R>): R[] {
  const c = q.compile();
  return prepared(db, c.sql).all(...(c.parameters as unknown[])) as R[];
}

/** Compile and run, returning the first row (or undefined). */
export function first<R>(db: Database, q: Compilable<R>): R | undefined {
  const c = q.compile();
  return prepared(db, c.sql).get(...(c.parameters as unknown[])) as R | undefined;
}
