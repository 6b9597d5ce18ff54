/**
 * Zod schemas of every API input and output. They are the single source of truth: the routes
 * validate requests with them, the OpenAPI document is generated from them (openapi.ts), and
 * the tests validate responses against that generated document.
 *
 * Output schemas are registered in `components` under a name; that name becomes
 * `#/components/schemas/<Name>` in the OpenAPI document.
 */
import { z } from 'zod/v4';
import { COMMITMENT_SORTS } from '../store/analytics.ts';

export const components = z.registry<{ id: string; description?: string }>();

function named<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  components.add(schema, { id, description });
  return schema;
}

// ---------------------------------------------------------------------------------------------
// Vocabularies (mirror src/types.ts)

export const LANG = z.enum(['fr', 'en', 'vi', 'und']);
export const PLOVER = z.enum([
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
]);
export const MODALITY = z.enum(['realized', 'future', 'hypothetical', 'negated', 'historical']);
export const COMMITMENT_STATUS = z.enum(['pledge', 'commitment', 'implementation', 'completion', 'cancelled']);
export const POLICY_STATUS = z.enum(['adopted', 'drafting', 'announced', 'signed']);
export const ENTITY_KIND = z.enum(['person', 'organisation', 'place']);
const PRECISION = z.enum(['day', 'month', 'year']);

// ---------------------------------------------------------------------------------------------
// Input fields (query strings and path parameters are strings; these parse and normalise them)

const CODE_RE = '[A-Za-z][A-Za-z0-9]{1,11}';

function validIsoPrefix(s: string): boolean {
  if (s.length < 10) return true;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const isoDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected a date: YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(validIsoPrefix, 'no such day')
  .meta({ description: 'ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD), inclusive of the whole period' });

export const partyCode = z
  .string()
  .regex(new RegExp(`^${CODE_RE}$`), 'expected a party code such as VNM or ASEAN')
  .transform((s) => s.toUpperCase())
  .meta({ description: 'Party code: ISO 3166-1 alpha-3 (VNM) or an organisation acronym (EU, ASEAN); case-insensitive' });

export const pairParam = z
  .string()
  .regex(new RegExp(`^${CODE_RE}-${CODE_RE}$`), 'expected two party codes joined by a hyphen, e.g. CZE-VNM')
  .transform((s) => s.toUpperCase().split('-') as [string, string])
  .refine((p) => p[0] !== p[1], 'the two codes of a pair must differ')
  .meta({ description: 'Two party codes joined by a hyphen, e.g. CZE-VNM' });

const domainId = z
  .string()
  .regex(/^[a-z0-9_]{1,40}$/, 'expected a domain id such as ai or semiconductors')
  .meta({ description: 'Technology domain id (dict/domains.yaml)' });

const cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,2048}$/, 'malformed cursor')
  .meta({ description: 'Opaque cursor from a previous page’s next_cursor' });

const limitOf = (max: number, def: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .meta({ description: `Page size, 1..${max} (default ${def})` });

const format = z.enum(['json', 'csv']).meta({ description: 'Response format; CSV is also chosen by `Accept: text/csv`' });

const boolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

function listOf(values: readonly string[], what: string) {
  return z
    .string()
    .regex(/^[A-Za-z_]+(,[A-Za-z_]+)*$/, `expected a comma-separated list of ${what}: ${values.join(', ')}`)
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(values as [string, ...string[]])));
}

const docId = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[^\u0000-\u001f]+$/, 'control characters are not allowed')
  .meta({ description: 'Document id' });

/** Filters shared by every analytic view (the dashboard filter bar). */
export const viewFilterShape = {
  since: isoDate.optional(),
  until: isoDate.optional(),
  lang: LANG.optional(),
  domain: domainId.optional(),
  type: PLOVER.optional().meta({ description: 'PLOVER event type' }),
  modality: MODALITY.optional(),
};

export const Q = {
  documents: z.strictObject({
    lang: LANG.optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    source: z.string().min(1).max(200).optional(),
    domain: domainId.optional(),
    party: partyCode.optional(),
    duplicates: boolParam.optional().meta({ description: 'Include near-duplicates (default false)' }),
    cursor: cursor.optional(),
    limit: limitOf(1000, 50).optional(),
    format: format.optional(),
  }),
  search: z.strictObject({
    q: z.string().trim().min(1, 'q must not be empty').max(500),
    lang: LANG.optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    party: partyCode.optional(),
    domain: domainId.optional(),
    type: PLOVER.optional(),
    cursor: cursor.optional(),
    limit: limitOf(100, 20).optional(),
    format: format.optional(),
  }),
  facts: z.strictObject({
    ...viewFilterShape,
    party: partyCode.optional(),
    pair: pairParam.optional(),
    doc: docId.optional(),
    status: listOf([...COMMITMENT_STATUS.options, ...POLICY_STATUS.options], 'statuses').optional(),
    kind: ENTITY_KIND.optional().meta({ description: 'Entity kind (entities only)' }),
    cursor: cursor.optional(),
    limit: limitOf(1000, 50).optional(),
    format: format.optional(),
  }),
  view: z.strictObject({ ...viewFilterShape, format: format.optional() }),
  viewWithParty: z.strictObject({ ...viewFilterShape, party: partyCode.optional(), pair: pairParam.optional(), format: format.optional() }),
  summary: z.strictObject({ ...viewFilterShape }),
  commitments: z.strictObject({
    status: listOf(COMMITMENT_STATUS.options, 'commitment statuses').optional(),
    due_before: isoDate.optional(),
    due_after: isoDate.optional(),
    overdue: boolParam.optional(),
    party: partyCode.optional(),
    domain: domainId.optional(),
    lang: LANG.optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    sort: z.enum(COMMITMENT_SORTS as [string, ...string[]]).optional().meta({ description: 'deadline (default), -deadline, status, actor, recent' }),
    cursor: cursor.optional(),
    limit: limitOf(1000, 50).optional(),
    format: format.optional(),
  }),
  none: z.strictObject({}),
};

export const P = {
  docId: z.strictObject({ id: docId }),
  code: z.strictObject({ code: partyCode }),
  pair: z.strictObject({ pair: pairParam }),
};

// ---------------------------------------------------------------------------------------------
// Outputs

export const ErrorBody = named(
  'Error',
  z.object({
    error: z.object({
      code: z.string().meta({ description: 'Machine-readable code: invalid_parameter, invalid_cursor, not_found, internal…' }),
      message: z.string(),
      field: z.string().nullable().meta({ description: 'The offending parameter, when there is one' }),
    }),
  }),
  'Every 4xx/5xx response carries this object. Never a stack trace.',
);

const nullableStr = z.string().nullable();

const Party = named(
  'Party',
  z.looseObject({ code: z.string(), name: z.string(), raw_text: z.string(), sector: nullableStr }),
);
const TextInfo = z.looseObject({ sequence: z.number().int(), start: z.number().int(), end: z.number().int() });
const provenance = {
  doc_id: z.string(),
  source_path: z.string(),
  event_text: z.string(),
  text_info: TextInfo,
  confidence: z.number(),
  extractor_version: z.string(),
};

export const EventRecord = named(
  'EventRecord',
  z.looseObject({
    type: z.literal('event'),
    id: z.string(),
    ...provenance,
    date: nullableStr,
    date_precision: PRECISION.nullable(),
    actor: z.array(Party),
    recipient: z.array(Party),
    event: PLOVER,
    mode: nullableStr,
    context: z.array(z.string()),
    modality: MODALITY,
    domains: z.array(z.string()),
    cameo: z.string(),
    goldstein: z.number(),
    event_loc: nullableStr,
  }),
);

export const CommitmentRecord = named(
  'CommitmentRecord',
  z.looseObject({
    type: z.literal('commitment'),
    id: z.string(),
    ...provenance,
    actor: z.array(Party),
    what: z.string(),
    quantity: z.number().nullable(),
    unit: nullableStr,
    deadline: nullableStr,
    deadline_precision: PRECISION.nullable(),
    domains: z.array(z.string()),
    status: COMMITMENT_STATUS,
  }),
);

export const PolicyRecord = named(
  'PolicyRecord',
  z.looseObject({
    type: z.literal('policy'),
    id: z.string(),
    ...provenance,
    name: z.string(),
    jurisdiction: nullableStr,
    status: POLICY_STATUS,
    date: nullableStr,
    date_precision: PRECISION.nullable(),
    domains: z.array(z.string()),
  }),
);

export const EntityRecord = named(
  'EntityRecord',
  z.looseObject({
    type: z.literal('entity'),
    id: z.string(),
    doc_id: z.string(),
    source_path: z.string(),
    kind: ENTITY_KIND,
    name: z.string(),
    aliases: z.array(z.string()),
    country: nullableStr,
    role: nullableStr,
    sector: nullableStr,
    mentions: z.array(
      z.looseObject({ sequence: z.number().int(), start: z.number().int(), end: z.number().int(), raw_text: z.string() }),
    ),
    extractor_version: z.string(),
  }),
);

const nextCursor = z.string().nullable().meta({ description: 'Cursor of the next page; null on the last page' });
const pageOf = (id: string, item: z.ZodType) => named(id, z.object({ items: z.array(item), next_cursor: nextCursor }));

export const EventPage = pageOf('EventPage', EventRecord);
export const CommitmentRecordPage = pageOf('CommitmentRecordPage', CommitmentRecord);
export const PolicyPage = pageOf('PolicyPage', PolicyRecord);
export const EntityPage = pageOf('EntityPage', EntityRecord);

const KeyCount = named('KeyCount', z.object({ key: z.string(), count: z.number().int() }));

const Names = named(
  'Names',
  z.object({ en: z.string(), fr: z.string(), vi: z.string() }),
  'Display names of a party in the three UI languages',
);
const PartyKind = z.enum(['country', 'organisation']);

const DocRef = named(
  'DocRef',
  z.object({ id: z.string(), title: nullableStr, published: nullableStr, lang: z.string(), url: nullableStr }),
);

export const DocumentListItem = named(
  'DocumentListItem',
  z.object({
    id: z.string(),
    title: nullableStr,
    lang: z.string(),
    published: nullableStr,
    source: nullableStr,
    url: nullableStr,
    duplicate_of: nullableStr,
    domains: z.array(z.string()),
    events: z.number().int(),
  }),
);
export const DocumentPage = pageOf('DocumentPage', DocumentListItem);

const Span = z.object({ start: z.number().int(), end: z.number().int() });
export const DocumentDetail = named(
  'DocumentDetail',
  z.looseObject({
    id: z.string(),
    source_path: z.string(),
    format: z.string(),
    title: nullableStr,
    text: z.string(),
    lang: z.string(),
    published: nullableStr,
    published_precision: PRECISION.nullable(),
    url: nullableStr,
    site_name: nullableStr,
    source: nullableStr,
    duplicate_of: nullableStr,
    domains: z.array(z.string()),
    paragraphs: z.array(Span.extend({ index: z.number().int(), boilerplate: z.boolean() })),
    sentences: z.array(Span.extend({ index: z.number().int(), paragraph: z.number().int(), boilerplate: z.boolean() })),
    boilerplate: z.array(Span.extend({ kind: z.string() })),
    events: z.array(EventRecord),
    commitments: z.array(CommitmentRecord),
    policies: z.array(PolicyRecord),
    entities: z.array(EntityRecord),
  }),
  'A stored article: cleaned text, segmentation, boilerplate spans and all extracted facts',
);

export const SearchResponse = named(
  'SearchResponse',
  z.object({
    query: z.string(),
    total: z.number().int(),
    hits: z.array(
      z.looseObject({
        id: z.string(),
        title: nullableStr,
        lang: z.string(),
        published: nullableStr,
        source: nullableStr,
        url: nullableStr,
        score: z.number(),
        snippet: z.string(),
        snippet_parts: z.array(z.object({ text: z.string(), match: z.boolean() })),
        duplicate_of: nullableStr,
      }),
    ),
    facets: z.object({ lang: z.array(KeyCount), partner: z.array(KeyCount), domain: z.array(KeyCount), type: z.array(KeyCount) }),
    next_cursor: nextCursor,
  }),
);

export const PartnerItem = named(
  'PartnerItem',
  z.object({
    code: z.string(),
    kind: PartyKind,
    name: nullableStr,
    names: Names,
    events: z.number().int(),
    documents: z.number().int(),
    first_date: nullableStr,
    last_date: nullableStr,
  }),
);
export const PartnerList = named('PartnerList', z.object({ items: z.array(PartnerItem) }));

export const CommitmentItem = named(
  'CommitmentItem',
  z.object({
    commitment: CommitmentRecord,
    days_left: z.number().int().nullable().meta({ description: 'Days to the end of the deadline period (negative when past)' }),
    overdue: z.boolean(),
    document: DocRef,
  }),
);
export const CommitmentPage = pageOf('CommitmentPage', CommitmentItem);

const Series = named('Series', z.object({ key: z.string(), counts: z.array(z.number().int()) }));
export const Timeline = named(
  'Timeline',
  z.object({
    months: z.array(z.string()),
    by_type: z.array(Series),
    by_modality: z.array(Series),
    undated: z.number().int(),
  }),
);

const Person = named(
  'PersonItem',
  z.object({ name: z.string(), role: nullableStr, country: nullableStr, documents: z.number().int() }),
);

export const PartnerSummary = named(
  'PartnerSummary',
  z.object({
    codes: z.array(z.string()),
    parties: z.array(z.object({ code: z.string(), kind: PartyKind, names: Names })),
    events: z.number().int(),
    documents: z.number().int(),
    first_date: nullableStr,
    last_date: nullableStr,
    by_year: z.array(KeyCount),
    event_types: z.array(KeyCount),
    modalities: z.array(KeyCount),
    domains: z.array(KeyCount),
    counterparts: z.array(KeyCount),
    people: z.array(Person),
    organisations: z.array(Person),
    latest_articles: z.array(DocRef.extend({ source: nullableStr, events: z.number().int() })),
    commitments: z.array(CommitmentItem),
    policies: z.array(PolicyRecord),
    timeline: Timeline,
  }),
);

export const Matrix = named(
  'Matrix',
  z.object({
    partners: z.array(z.string()),
    domains: z.array(z.string()),
    cells: z.array(z.object({ partner: z.string(), domain: z.string(), events: z.number().int() })),
  }),
);

export const Network = named(
  'Network',
  z.object({
    nodes: z.array(z.object({ code: z.string(), kind: PartyKind, name: nullableStr, names: Names, events: z.number().int() })),
    edges: z.array(z.object({ source: z.string(), target: z.string(), events: z.number().int() })),
  }),
);

export const Overview = named(
  'Overview',
  z.object({
    documents: z.number().int(),
    events: z.number().int(),
    partners: z.number().int(),
    commitments: z.number().int(),
    overdue_commitments: z.number().int(),
    policies: z.number().int(),
    people: z.number().int(),
    organisations: z.number().int(),
  }),
);

const counts = z.record(z.string(), z.number());
export const Stats = named(
  'Stats',
  z.looseObject({
    documents: z.number().int(),
    near_duplicates: z.number().int(),
    unique_documents: z.number().int(),
    by_lang: counts,
    by_month: counts,
    by_source: counts,
    undated: z.number().int(),
    boilerplate_share: z.number(),
    sentences: z.number().int(),
    facts: z.object({ events: z.number().int(), commitments: z.number().int(), policies: z.number().int(), entities: z.number().int() }),
    inputs: z.number().int(),
    schema_version: z.number().int(),
  }),
);

export const Domains = named(
  'Domains',
  z.object({ items: z.array(z.object({ id: z.string(), label: Names })) }),
  'Technology domains with their labels in the three UI languages',
);

export const OpenApiDoc = named('OpenApiDocument', z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }));
