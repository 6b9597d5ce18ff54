/**
 * Fixture database for the API and browser tests: a handful of invented articles (fr / en / vi)
 * with sentences, boilerplate, events (+ parties, domains), commitments with past and future
 * deadlines, policies and entities, stored with plain SQL on the real schema (MIGRATIONS).
 *
 * The schema comes from the real store (`openStore`), so search, getDocument and stats are the
 * production code; only the rows are written directly.
 */
import type { Database as DB } from 'better-sqlite3';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { fold } from '../../src/util/fold.ts';
import { AggregateWriter } from '../../src/store/aggregates.ts';
import type {
  BoilerplateKind,
  CommitmentRecord,
  CommitmentStatus,
  EntityRecord,
  EventRecord,
  Lang,
  Modality,
  Party,
  PloverEvent,
  PolicyRecord,
  PolicyStatus,
  Sentence,
} from '../../src/types.ts';

/** "Today" used by the tests, so overdue / days-left values are fixed. */
export const FIXTURE_NOW = new Date('2025-06-15T12:00:00Z');

const NAMES: Record<string, string> = {
  VNM: 'Vietnam',
  CZE: 'Czech Republic',
  KOR: 'South Korea',
  JPN: 'Japan',
  EU: 'European Union',
  CHN: 'China',
  ASEAN: 'ASEAN',
  FRA: 'France',
};

interface FxEvent {
  s: number;
  event: PloverEvent;
  actors: string[];
  recipients: string[];
  modality: Modality;
  date?: string | null;
  domains: string[];
}
interface FxCommitment {
  s: number;
  actors: string[];
  what: string;
  deadline: string | null;
  status: CommitmentStatus;
  quantity?: number;
  unit?: string;
  domains: string[];
}
interface FxPolicy {
  s: number;
  name: string;
  jurisdiction: string;
  status: PolicyStatus;
  date?: string | null;
  domains: string[];
}
interface FxEntity {
  kind: 'person' | 'organisation' | 'place';
  name: string;
  country: string | null;
  role?: string;
  s: number;
}
export interface FxDoc {
  id: string;
  title: string;
  lang: Lang;
  published: string | null;
  url: string | null;
  source: string | null;
  /** Paragraphs of sentences; a paragraph given as {boilerplate} is marked as boilerplate. */
  paragraphs: (string[] | { boilerplate: BoilerplateKind; sentences: string[] })[];
  duplicate_of?: string;
  domains: string[];
  events?: FxEvent[];
  commitments?: FxCommitment[];
  policies?: FxPolicy[];
  entities?: FxEntity[];
}

export const XSS_PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  'javascript:window.__xss=1',
  '"><svg onload="window.__xss=1">',
];

export const FIXTURE_DOCS: FxDoc[] = [
  {
    id: 'fx-cze-fr',
    title: 'Le Vietnam et la Tchéquie renforcent leur coopération dans les semi-conducteurs',
    lang: 'fr',
    published: '2025-03-12',
    url: 'https://example.org/fr/vn-cz-semiconducteurs',
    source: 'Exemple Presse',
    domains: ['semiconductors', 'ai'],
    paragraphs: [
      { boilerplate: 'metadata', sentences: ['Exemple Presse — 12/03/2025'] },
      [
        'Une délégation vietnamienne a rencontré le ministère tchèque de l’Industrie à Prague pour discuter des semi-conducteurs et de l’intelligence artificielle.',
        'La partie tchèque s’est engagée à former des ingénieurs vietnamiens en conception de puces d’ici juin 2026.',
      ],
      ['Les deux pays étudient aussi une coopération en cybersécurité.'],
      { boilerplate: 'teaser', sentences: ['Voir plus : autres articles de la même catégorie'] },
    ],
    events: [
      { s: 1, event: 'CONSULT', actors: ['VNM', 'CZE'], recipients: [], modality: 'realized', domains: ['semiconductors', 'ai'] },
      { s: 2, event: 'AGREE', actors: ['CZE'], recipients: ['VNM'], modality: 'future', domains: ['semiconductors', 'human_resources'] },
    ],
    commitments: [
      { s: 2, actors: ['CZE'], what: 'train Vietnamese chip design engineers', deadline: '2026-06', status: 'pledge', domains: ['semiconductors', 'human_resources'] },
    ],
    entities: [
      { kind: 'organisation', name: 'Ministère tchèque de l’Industrie et du Commerce', country: 'CZE', s: 1 },
      { kind: 'place', name: 'Prague', country: 'CZE', s: 1 },
    ],
  },
  {
    id: 'fx-kor-en',
    title: 'Korea and Vietnam open a joint AI research centre in Hanoi',
    lang: 'en',
    published: '2025-05-20',
    url: 'https://example.org/en/kr-vn-ai-centre',
    source: 'Example Daily',
    domains: ['ai', 'human_resources'],
    paragraphs: [
      [
        'Minister Kim Sora and Deputy Minister Tran Thi Lan opened a joint artificial intelligence research centre in Hanoi on Tuesday.',
        'Korea committed 10 million USD to the centre, to be disbursed by January 2025.',
      ],
      [
        'Vietnam adopted its Law on Digital Technology Industry last year.',
        'The centre will also train 500 AI engineers.',
      ],
      { boilerplate: 'share', sentences: ['Share this article on social media'] },
    ],
    events: [
      { s: 0, event: 'COOPERATE', actors: ['KOR', 'VNM'], recipients: [], modality: 'realized', date: '2025-05-20', domains: ['ai'] },
      { s: 1, event: 'AID', actors: ['KOR'], recipients: ['VNM'], modality: 'future', domains: ['ai', 'human_resources'] },
    ],
    commitments: [
      { s: 1, actors: ['KOR'], what: 'fund the joint AI research centre', deadline: '2025-01', status: 'commitment', quantity: 10_000_000, unit: 'USD', domains: ['ai'] },
      { s: 3, actors: ['KOR', 'VNM'], what: 'train AI engineers', deadline: null, status: 'pledge', quantity: 500, unit: 'engineers', domains: ['ai', 'human_resources'] },
    ],
    policies: [{ s: 2, name: 'Law on Digital Technology Industry', jurisdiction: 'VNM', status: 'adopted', date: '2024', domains: ['digital_gov'] }],
    entities: [
      { kind: 'person', name: 'Kim Sora', country: 'KOR', role: 'Minister', s: 0 },
      { kind: 'person', name: 'Tran Thi Lan', country: 'VNM', role: 'Deputy Minister', s: 0 },
      { kind: 'place', name: 'Hanoi', country: 'VNM', s: 0 },
    ],
  },
  {
    id: 'fx-jpn-vi',
    title: 'Việt Nam và Nhật Bản đẩy mạnh hợp tác chuyển đổi năng lượng',
    lang: 'vi',
    published: '2024-11-05',
    url: 'https://example.org/vi/vn-jp-nang-luong',
    source: 'Báo Ví Dụ',
    domains: ['energy_transition'],
    paragraphs: [
      [
        'Thứ trưởng Nguyễn Văn An và đại diện Cơ quan Hợp tác Quốc tế Nhật Bản đã ký biên bản ghi nhớ về năng lượng sạch.',
        'Năm 2019, Nhật Bản từng hỗ trợ Việt Nam xây dựng một nhà máy điện mặt trời.',
        'Nhật Bản sẽ triển khai dự án lưới điện thông minh trước năm 2027.',
      ],
    ],
    events: [
      { s: 0, event: 'AGREE', actors: ['VNM', 'JPN'], recipients: [], modality: 'realized', domains: ['energy_transition'] },
      { s: 1, event: 'AID', actors: ['JPN'], recipients: ['VNM'], modality: 'historical', date: '2019', domains: ['energy_transition'] },
    ],
    commitments: [
      { s: 2, actors: ['JPN'], what: 'deploy a smart grid project', deadline: '2027', status: 'implementation', domains: ['energy_transition'] },
    ],
    entities: [
      { kind: 'person', name: 'Nguyễn Văn An', country: 'VNM', role: 'Thứ trưởng', s: 0 },
      { kind: 'organisation', name: 'Cơ quan Hợp tác Quốc tế Nhật Bản', country: 'JPN', s: 0 },
    ],
  },
  {
    id: 'fx-eu-en',
    title: 'EU supports Vietnam on climate early warning',
    lang: 'en',
    published: null,
    url: null,
    source: null,
    domains: ['climate_environment', 'disaster_warning'],
    paragraphs: [
      [
        'On 14 February 2025 the European Union announced support for Vietnam’s flood early-warning network.',
        'The EU completed the installation of 40 weather stations by December 2024.',
      ],
    ],
    events: [
      { s: 0, event: 'SUPPORT', actors: ['EU'], recipients: ['VNM'], modality: 'realized', date: '2025-02-14', domains: ['climate_environment', 'disaster_warning'] },
    ],
    commitments: [
      { s: 1, actors: ['EU'], what: 'install weather stations', deadline: '2024-12', status: 'completion', quantity: 40, unit: 'stations', domains: ['disaster_warning'] },
    ],
  },
  {
    id: 'fx-chn-fr',
    title: 'La Chine et l’ASEAN lancent un programme sur l’intelligence artificielle',
    lang: 'fr',
    published: '2025-01-08',
    url: 'https://example.org/fr/chine-asean-ia',
    source: 'Exemple Presse',
    domains: ['ai', 'transport_infra'],
    paragraphs: [
      [
        'La Chine et l’ASEAN ont lancé un programme commun sur l’intelligence artificielle.',
        'La province chinoise du Guangxi coopère avec le Vietnam sur le rail transfrontalier.',
        'Le Vietnam n’a pas signé l’accord ferroviaire.',
      ],
    ],
    events: [
      { s: 0, event: 'COOPERATE', actors: ['CHN', 'ASEAN'], recipients: [], modality: 'realized', domains: ['ai'] },
      { s: 1, event: 'COOPERATE', actors: ['CHN'], recipients: ['VNM'], modality: 'realized', domains: ['transport_infra'] },
      { s: 2, event: 'AGREE', actors: ['VNM'], recipients: ['CHN'], modality: 'negated', domains: ['transport_infra'] },
    ],
    entities: [{ kind: 'place', name: 'Guangxi', country: 'CHN', s: 1 }],
  },
  {
    // Near-duplicate of fx-cze-fr: stored, but never counted.
    id: 'fx-cze-dup',
    title: 'Vietnam et Tchéquie : coopération dans les semi-conducteurs (reprise)',
    lang: 'fr',
    published: '2025-03-13',
    url: 'https://example.org/fr/reprise',
    source: 'Autre Presse',
    duplicate_of: 'fx-cze-fr',
    domains: ['semiconductors'],
    paragraphs: [
      [
        'Une délégation vietnamienne a rencontré le ministère tchèque de l’Industrie à Prague pour discuter des semi-conducteurs.',
        'La partie tchèque s’est engagée à former des ingénieurs vietnamiens.',
      ],
    ],
    events: [{ s: 0, event: 'CONSULT', actors: ['VNM', 'CZE'], recipients: [], modality: 'realized', domains: ['semiconductors'] }],
    commitments: [{ s: 1, actors: ['CZE'], what: 'train engineers', deadline: '2024-01', status: 'pledge', domains: ['semiconductors'] }],
  },
  {
    // Untrusted markup in title and body: the dashboard must render it as text.
    id: 'fx-xss',
    title: `France and Vietnam robotics ${XSS_PAYLOADS[0]} ${XSS_PAYLOADS[3]}`,
    lang: 'en',
    published: '2025-04-01',
    url: 'javascript:window.__xss=1',
    source: `Evil ${XSS_PAYLOADS[1]}`,
    domains: ['robotics_automation'],
    paragraphs: [
      [
        `France agreed to cooperate with Vietnam on robotics ${XSS_PAYLOADS[1]} in factories.`,
        `Click ${XSS_PAYLOADS[2]} or ${XSS_PAYLOADS[3]} for details ${XSS_PAYLOADS[0]}.`,
      ],
    ],
    events: [{ s: 0, event: 'AGREE', actors: ['FRA'], recipients: ['VNM'], modality: 'realized', domains: ['robotics_automation'] }],
    entities: [{ kind: 'person', name: `Mallory ${XSS_PAYLOADS[1]}`, country: 'FRA', role: `Envoy ${XSS_PAYLOADS[0]}`, s: 0 }],
  },
];

const EXTRACTOR_VERSION = 'fixture-1';

function party(code: string, raw = NAMES[code] ?? code): Party {
  return { code, name: NAMES[code] ?? code, raw_text: raw, sector: code === 'EU' || code === 'ASEAN' ? 'IGO' : 'GOV' };
}

/** Lay out paragraphs into text + sentence / paragraph / boilerplate offsets. */
function layout(doc: FxDoc) {
  let text = '';
  const sentences: Sentence[] = [];
  const paragraphs: { index: number; start: number; end: number; boilerplate: boolean }[] = [];
  const boilerplate: { start: number; end: number; kind: BoilerplateKind }[] = [];
  doc.paragraphs.forEach((p, pi) => {
    if (pi > 0) text += '\n\n';
    const isBp = !Array.isArray(p);
    const ss = Array.isArray(p) ? p : p.sentences;
    const pStart = text.length;
    ss.forEach((s, si) => {
      if (si > 0) text += ' ';
      const start = text.length;
      text += s;
      sentences.push({ index: sentences.length, paragraph: pi, start, end: text.length, boilerplate: isBp });
    });
    paragraphs.push({ index: pi, start: pStart, end: text.length, boilerplate: isBp });
    if (!Array.isArray(p)) boilerplate.push({ start: pStart, end: text.length, kind: p.boilerplate });
  });
  return { text, sentences, paragraphs, boilerplate };
}

/** Insert one fixture document with its segmentation and facts. Returns its seq. */
export function insertFixtureDoc(db: DB, doc: FxDoc): number {
  const { text, sentences, paragraphs, boilerplate } = layout(doc);
  const bpChars = boilerplate.reduce((n, b) => n + b.end - b.start, 0);
  const seq = Number(
    db
      .prepare(
        `INSERT INTO documents (id, source_path, item_index, format, title, text, lang, published, published_precision,
          published_month, url, site_name, source, content_hash, duplicate_of, similarity, bytes, text_chars,
          boilerplate_chars, domains, extractor_version, ingested_at)
         VALUES (?, ?, NULL, 'json', ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-06-01T00:00:00Z')`,
      )
      .run(
        doc.id,
        `fixtures/${doc.id}.json`,
        doc.title,
        text,
        doc.lang,
        doc.published,
        doc.published ? (doc.published.length === 10 ? 'day' : doc.published.length === 7 ? 'month' : 'year') : null,
        doc.published && doc.published.length >= 7 ? doc.published.slice(0, 7) : null,
        doc.url,
        doc.source,
        `hash-${doc.id}`,
        doc.duplicate_of ?? null,
        doc.duplicate_of ? 0.93 : null,
        Buffer.byteLength(text),
        text.length,
        bpChars,
        JSON.stringify(doc.domains),
        EXTRACTOR_VERSION,
      ).lastInsertRowid,
  );
  for (const p of paragraphs) db.prepare('INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?)').run(seq, p.index, p.start, p.end, p.boilerplate ? 1 : 0);
  for (const s of sentences) db.prepare('INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?)').run(seq, s.index, s.paragraph, s.start, s.end, s.boilerplate ? 1 : 0);
  for (const b of boilerplate) db.prepare('INSERT INTO boilerplate_spans VALUES (?, ?, ?, ?)').run(seq, b.start, b.end, b.kind);
  const body = sentences.filter((s) => !s.boilerplate).map((s) => text.slice(s.start, s.end)).join(' ');
  db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)').run(seq, fold(doc.title), fold(body));
  const addDomains = (factId: string, type: string, domains: string[]) => {
    for (const d of domains) db.prepare('INSERT INTO fact_domains VALUES (?, ?, ?, ?)').run(factId, type, seq, d);
  };
  addDomains(`doc:${doc.id}`, 'document', doc.domains);
  const prov = (s: number) => ({
    event_text: text.slice(sentences[s].start, sentences[s].end),
    text_info: { sequence: s, start: sentences[s].start, end: sentences[s].end },
    confidence: 0.8,
    extractor_version: EXTRACTOR_VERSION,
  });
  const base = { doc_id: doc.id, source_path: `fixtures/${doc.id}.json` };

  (doc.events ?? []).forEach((e, i) => {
    const id = `${doc.id}:ev${i}`;
    const date = e.date ?? null;
    const rec: EventRecord = {
      type: 'event',
      id,
      ...base,
      ...prov(e.s),
      date,
      date_precision: date ? (date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year') : null,
      actor: e.actors.map((c) => party(c)),
      recipient: e.recipients.map((c) => party(c)),
      event: e.event,
      mode: null,
      context: [],
      modality: e.modality,
      domains: e.domains,
      cameo: '0',
      goldstein: 1,
      event_loc: null,
    };
    db.prepare(
      `INSERT INTO events (id, doc_seq, event, mode, modality, date, date_precision, cameo, goldstein, confidence,
        sentence_idx, start_offset, end_offset, event_text, extractor_version, record, eff_date)
       VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, seq, e.event, e.modality, date, rec.date_precision, rec.cameo, rec.goldstein, rec.confidence, e.s, rec.text_info.start, rec.text_info.end, rec.event_text, EXTRACTOR_VERSION, JSON.stringify(rec), date ?? doc.published);
    for (const p of rec.actor) db.prepare('INSERT INTO event_parties VALUES (?, ?, ?, ?, ?)').run(id, 'actor', p.code, p.name, p.sector);
    for (const p of rec.recipient) db.prepare('INSERT INTO event_parties VALUES (?, ?, ?, ?, ?)').run(id, 'recipient', p.code, p.name, p.sector);
    addDomains(id, 'event', e.domains);
  });

  (doc.commitments ?? []).forEach((c, i) => {
    const id = `${doc.id}:cm${i}`;
    const rec: CommitmentRecord = {
      type: 'commitment',
      id,
      ...base,
      ...prov(c.s),
      actor: c.actors.map((a) => party(a)),
      what: c.what,
      quantity: c.quantity ?? null,
      unit: c.unit ?? null,
      deadline: c.deadline,
      deadline_precision: c.deadline ? (c.deadline.length === 10 ? 'day' : c.deadline.length === 7 ? 'month' : 'year') : null,
      domains: c.domains,
      status: c.status,
    };
    db.prepare(
      `INSERT INTO commitments (id, doc_seq, actor_codes, what, quantity, unit, deadline, deadline_precision, status,
        confidence, sentence_idx, start_offset, end_offset, event_text, extractor_version, record, eff_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, seq, ` ${c.actors.join(' ')} `, c.what, rec.quantity, rec.unit, c.deadline, rec.deadline_precision, c.status, rec.confidence, c.s, rec.text_info.start, rec.text_info.end, rec.event_text, EXTRACTOR_VERSION, JSON.stringify(rec), doc.published);
    for (const code of c.actors) db.prepare('INSERT INTO commitment_actors (commitment_id, doc_seq, code) VALUES (?, ?, ?)').run(id, seq, code);
    addDomains(id, 'commitment', c.domains);
  });

  (doc.policies ?? []).forEach((p, i) => {
    const id = `${doc.id}:po${i}`;
    const date = p.date ?? null;
    const rec: PolicyRecord = {
      type: 'policy',
      id,
      ...base,
      ...prov(p.s),
      name: p.name,
      jurisdiction: p.jurisdiction,
      status: p.status,
      date,
      date_precision: date ? (date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year') : null,
      domains: p.domains,
    };
    db.prepare(
      `INSERT INTO policies (id, doc_seq, name, jurisdiction, status, date, date_precision, confidence, sentence_idx,
        start_offset, end_offset, event_text, extractor_version, record, eff_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, seq, p.name, p.jurisdiction, p.status, date, rec.date_precision, rec.confidence, p.s, rec.text_info.start, rec.text_info.end, rec.event_text, EXTRACTOR_VERSION, JSON.stringify(rec), date ?? doc.published);
    addDomains(id, 'policy', p.domains);
  });

  (doc.entities ?? []).forEach((n, i) => {
    const id = `${doc.id}:en${i}`;
    const s = sentences[n.s];
    const at = text.indexOf(n.name, s.start);
    const start = at >= 0 && at < s.end ? at : s.start;
    const rec: EntityRecord = {
      type: 'entity',
      id,
      ...base,
      kind: n.kind,
      name: n.name,
      aliases: [],
      country: n.country,
      role: n.role ?? null,
      sector: null,
      mentions: [{ sequence: n.s, start, end: start + n.name.length, raw_text: n.name }],
      extractor_version: EXTRACTOR_VERSION,
    };
    db.prepare('INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(id, seq, n.kind, n.name, n.country, rec.role, null, EXTRACTOR_VERSION, JSON.stringify(rec));
  });
  // The rows are written directly, so count them into the aggregates as the store's writes do.
  const agg = new AggregateWriter(db);
  agg.document(seq, 1);
  agg.factsOf(seq, 1);
  return seq;
}

/** A fresh store (real SQLite store, migrated) holding every fixture document. */
export function fixtureStore(path = ':memory:', docs: FxDoc[] = FIXTURE_DOCS): SqliteStore {
  const store = openStore(path);
  store.transaction(() => {
    for (const d of docs) insertFixtureDoc(store.db, d);
  });
  return store;
}
