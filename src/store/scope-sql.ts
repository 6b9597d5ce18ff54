/**
 * Per-document maintenance statements (aggregates.ts, doc-facets.ts) are written once with scope
 * placeholders and prepared twice: for one document (`@seq`, run inside each write's transaction)
 * and for every document (a migration's backfill). The placeholders stand for the scope condition
 * on the usual alias of each table.
 */
export type Scope = 'doc' | 'all';

const PLACEHOLDERS: [string, string][] = [
  ['{E}', 'e.doc_seq'], // events e
  ['{F}', 'fd.doc_seq'], // fact_domains fd
  ['{D}', 'd.seq'], // documents d
  ['{C}', 'c.doc_seq'], // commitments c
  ['{P}', 'p.doc_seq'], // policies p
  ['{N}', 'x.doc_seq'], // entities x
];

export function scoped(sqlText: string, scope: Scope): string {
  let out = sqlText;
  for (const [ph, col] of PLACEHOLDERS) out = out.replaceAll(ph, scope === 'doc' ? `${col} = @seq` : '1 = 1');
  return out;
}
