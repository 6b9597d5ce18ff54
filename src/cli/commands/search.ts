import { DB_OPTION, JSON_OPTION, FILTER_OPTIONS, parse, isoPrefix, langOption, intOption, UsageError, CliError } from '../args.ts';
import { openCliStore } from '../context.ts';
import type { SearchResult } from '../../store/store.ts';

export const help = `Usage: coopwatch search "query" [options]

Full-text search over titles and article bodies (boilerplate excluded), ranked by BM25.
Diacritics and case are ignored in all three languages: "khoa hoc cong nghe" finds
"khoa học công nghệ", "da nang" finds "Đà Nẵng", "cooperation" finds "coopération".

Query syntax:
  word word            both words (implicit AND)
  "exact phrase"       a phrase
  a OR b, a AND b      boolean operators (uppercase); NOT b or -b excludes
  semi*                prefix
  (a OR b) c           grouping

Options:
  --lang fr|en|vi|und  only this language
  --since DATE         published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
  --until DATE         published on or before (inclusive of the whole period)
  --source NAME        only this source / site / host
  --limit N            results to show (default 10)
  --offset N           skip the first N results
  --db PATH            database (default: $COOPWATCH_DB or ./coopwatch.db)
  --json               print results as JSON
  -h, --help           show this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse('search', argv, { ...DB_OPTION, ...JSON_OPTION, ...FILTER_OPTIONS, limit: { type: 'string' }, offset: { type: 'string' } });
  if (values.help) return console.log(help), 0;
  const q = positionals.join(' ').trim();
  if (!q) throw new UsageError('give a query, e.g. coopwatch search "semi-conducteurs"', 'search');
  const query = {
    q,
    lang: langOption('search', values.lang as string | undefined),
    since: isoPrefix('search', 'since', values.since as string | undefined),
    until: isoPrefix('search', 'until', values.until as string | undefined),
    source: values.source as string | undefined,
    limit: intOption('search', 'limit', values.limit as string | undefined, 1, 1000) ?? 10,
    offset: intOption('search', 'offset', values.offset as string | undefined, 0, 1_000_000) ?? 0,
  };
  const store = openCliStore(values.db as string | undefined, { mustExist: true });
  try {
    let res: SearchResult;
    try {
      res = store.search(query);
    } catch (e) {
      if ((e as Error).name === 'SearchSyntaxError') throw new UsageError((e as Error).message, 'search');
      throw new CliError(`search failed: ${(e as Error).message}`);
    }
    if (values.json) console.log(JSON.stringify(res, null, 2));
    else printResults(res, query.offset);
    return 0;
  } finally {
    store.close();
  }
}

export function printResults(res: SearchResult, offset = 0): void {
  const shown = res.hits.length;
  console.log(`${res.total} result${res.total === 1 ? '' : 's'} for ${JSON.stringify(res.query)}${shown < res.total ? ` (showing ${offset + 1}–${offset + shown})` : ''}`);
  res.hits.forEach((h, i) => {
    const meta = [h.lang, h.published ?? 'undated', h.source].filter(Boolean).join(' · ');
    console.log(`\n${offset + i + 1}. ${h.title ?? '(untitled)'}\n   ${meta} · ${h.source_path}${h.duplicate_of ? ` · duplicate of ${h.duplicate_of}` : ''}`);
    if (h.snippet) console.log(`   ${h.snippet.replace(/\s+/g, ' ')}`);
  });
}
