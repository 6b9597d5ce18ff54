import { DB_OPTION, JSON_OPTION, parse, isoPrefix, langOption, intOption, UsageError } from '../args.ts';
import { openCliStore } from '../context.ts';
import { queryFacts, type FactFilter } from '../../store/analytics.ts';
import type { FactRecord } from '../../types.ts';

const KINDS = ['events', 'commitments', 'policies', 'entities'] as const;

export const help = `Usage: coopwatch facts [options]

Lists extracted facts with their evidence sentence.

Options:
  --kind KIND          events (default), commitments, policies or entities
  --party CODE         a party code (VNM, CZE, EU…) among the actors/recipients
  --pair A-B           both codes among the parties (e.g. CZE-VNM)
  --domain ID          technology domain id (ai, semiconductors, quantum…)
  --type TYPE          PLOVER event type (AGREE, CONSULT, SUPPORT, COOPERATE, AID…)
  --modality M         realized, future, hypothetical, negated or historical
  --since/--until DATE date range (YYYY, YYYY-MM, YYYY-MM-DD)
  --lang fr|en|vi      document language
  --limit N            at most N facts (default 50)
  --cursor C           continue after a previous page
  --db PATH            database (default: $COOPWATCH_DB or ./coopwatch.db)
  --json               print {items, next_cursor} as JSON
  -h, --help           show this help`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('facts', argv, {
    ...DB_OPTION,
    ...JSON_OPTION,
    kind: { type: 'string' },
    party: { type: 'string' },
    pair: { type: 'string' },
    domain: { type: 'string' },
    type: { type: 'string' },
    modality: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    lang: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
  }, false);
  if (values.help) return console.log(help), 0;
  const kind = (values.kind as string | undefined) ?? 'events';
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`, 'facts');
  const code = /^[A-Z]{2,8}$/;
  const party = values.party as string | undefined;
  if (party !== undefined && !code.test(party)) throw new UsageError('--party must be an upper-case code such as VNM or EU', 'facts');
  let pair: [string, string] | undefined;
  if (values.pair !== undefined) {
    const parts = (values.pair as string).split(/[-,:]/);
    if (parts.length !== 2 || !parts.every((p) => code.test(p))) throw new UsageError('--pair must look like CZE-VNM', 'facts');
    pair = [parts[0], parts[1]];
  }
  const modality = values.modality as string | undefined;
  if (modality !== undefined && !['realized', 'future', 'hypothetical', 'negated', 'historical'].includes(modality)) {
    throw new UsageError('--modality must be realized, future, hypothetical, negated or historical', 'facts');
  }
  const filter: FactFilter = {
    kind: kind as FactFilter['kind'],
    party,
    pair,
    domain: values.domain as string | undefined,
    type: (values.type as string | undefined)?.toUpperCase(),
    modality,
    since: isoPrefix('facts', 'since', values.since as string | undefined),
    until: isoPrefix('facts', 'until', values.until as string | undefined),
    lang: langOption('facts', values.lang as string | undefined),
    limit: intOption('facts', 'limit', values.limit as string | undefined, 1, 10000) ?? 50,
    cursor: values.cursor as string | undefined,
  } as FactFilter;
  const store = openCliStore(values.db as string | undefined, { mustExist: true });
  try {
    let page;
    try {
      page = queryFacts(store.db, filter);
    } catch (e) {
      if (/cursor/i.test((e as Error).message)) throw new UsageError((e as Error).message, 'facts');
      throw e;
    }
    if (values.json) {
      console.log(JSON.stringify(page, null, 2));
      return 0;
    }
    const items = page.items as FactRecord[];
    console.log(`${items.length} ${kind}${page.next_cursor ? ` (more: --cursor ${page.next_cursor})` : ''}`);
    for (const r of items) console.log(describe(r));
    return 0;
  } finally {
    store.close();
  }
}

function parties(list: { code: string }[]): string {
  return list.map((p) => p.code).join('+') || '—';
}

export function describe(r: FactRecord): string {
  const where = `${r.source_path}${'text_info' in r ? ` §${r.text_info.sequence}` : ''}`;
  switch (r.type) {
    case 'event':
      return `\n${r.event}${r.mode ? `/${r.mode}` : ''} [${r.modality}] ${parties(r.actor)}${r.recipient.length ? ` → ${parties(r.recipient)}` : ''}${r.date ? ` · ${r.date}` : ''}${r.domains.length ? ` · ${r.domains.join(', ')}` : ''}\n  “${r.event_text}”\n  ${where}`;
    case 'commitment':
      return `\n${parties(r.actor)}: ${r.what}${r.quantity != null ? ` · ${r.quantity} ${r.unit ?? ''}` : ''}${r.deadline ? ` · by ${r.deadline}` : ''} [${r.status}]\n  “${r.event_text}”\n  ${where}`;
    case 'policy':
      return `\n${r.name} (${r.jurisdiction ?? '?'}, ${r.status}${r.date ? `, ${r.date}` : ''})\n  “${r.event_text}”\n  ${where}`;
    case 'entity':
      return `\n${r.kind}: ${r.name}${r.country ? ` (${r.country})` : ''}${r.role ? ` — ${r.role}` : ''} · ${r.mentions.length} mention(s) · ${r.source_path}`;
  }
}
