import { DB_OPTION, JSON_OPTION, parse } from '../args.ts';
import { openCliStore } from '../context.ts';
import { formatBytes } from '../progress.ts';

export const help = `Usage: coopwatch stats [--json] [--db PATH]

Counts by language, month and source, duplicates, boilerplate share and facts.
With --json, prints an object whose top-level "documents" is the number of distinct documents stored.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('stats', argv, { ...DB_OPTION, ...JSON_OPTION }, false);
  if (values.help) return console.log(help), 0;
  const store = openCliStore(values.db as string | undefined, { mustExist: true });
  try {
    const s = store.stats();
    if (values.json) {
      console.log(JSON.stringify(s, null, 2));
      return 0;
    }
    const lines: string[] = [];
    lines.push(`Database ${store.path} (schema v${s.schema_version})`);
    lines.push(`  documents            ${s.documents}  (${s.unique_documents} unique, ${s.near_duplicates} near-duplicate(s) counted once)`);
    lines.push(`  inputs ingested      ${s.inputs}`);
    lines.push(`  sentences            ${s.sentences}`);
    lines.push(`  boilerplate share    ${(s.boilerplate_share * 100).toFixed(1)}% of characters`);
    lines.push(`  facts                ${s.facts.events} events · ${s.facts.commitments} commitments · ${s.facts.policies} policies · ${s.facts.entities} entities`);
    lines.push(`  by language          ${fmt(s.by_lang)}`);
    lines.push(`  by month             ${fmt(s.by_month)}${s.undated ? `  (+${s.undated} undated)` : ''}`);
    lines.push(`  by source            ${fmt(s.by_source)}`);
    console.log(lines.join('\n'));
    void formatBytes;
    return 0;
  } finally {
    store.close();
  }
}

function fmt(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return '—';
  return entries.map(([k, v]) => `${k} ${v}`).join(' · ');
}
