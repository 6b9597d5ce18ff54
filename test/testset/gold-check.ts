/**
 * The gold files of the annotated test sets (testset/{en,fr,vi}.gold.json and the blind hold-out
 * set testset/blind/{en,fr,vi}.gold.json), their types and the consistency checks every document
 * must pass. Every function takes the set's directory (default: the development set `testset/`).
 *
 * A gold file that quotes evidence not in its article, or lists partner pairs that its own events
 * do not produce, silently lowers every score computed against it — so the gold is tested like code.
 * The rules mirror /work/shared/eval/score.py (pair derivation, must_not matching) and the
 * annotation conventions (PLOVER types, modalities, lifecycle statuses, domain ids).
 */
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO, SHARED } from '../helpers.ts';
import { fold } from '../../src/util/fold.ts';

export interface GoldEvent {
  event: string;
  alt: string[];
  actors: string[];
  recipients: string[];
  modality: string;
  date: string | null;
  domains: string[];
  evidence: string;
  mode?: string;
}
export interface GoldCommitment {
  actor: string;
  what?: string;
  quantity: number | null;
  unit: string | null;
  deadline: string | null;
  domains: string[];
  status: string;
  evidence: string;
}
export interface GoldDoc {
  file: string;
  lang: string;
  published: string | null;
  title: string;
  partners: string[][];
  domains: string[];
  events: GoldEvent[];
  commitments: GoldCommitment[];
  policies: { name: string; jurisdiction: string; status: string; date?: string }[];
  people: { name: string; aliases: string[]; country: string; role: string }[];
  places: string[];
  must_not: { partners: string[][]; facts_from_text: string[] };
}
export interface GoldFile {
  format: string;
  documents: GoldDoc[];
}
export type TestsetLang = 'en' | 'fr' | 'vi';

export const TESTSET = path.join(REPO, 'testset');
/** The blind hold-out set: same layout and conventions, never used for tuning. */
export const BLIND = path.join(TESTSET, 'blind');
const PLOVER = new Set(['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT']);
const MODALITIES = new Set(['realized', 'future', 'hypothetical', 'negated', 'historical']);
const MODES = new Set(['visit', 'multilateral', 'phone', 'third-party']);
const STATUSES = new Set(['pledge', 'commitment', 'implementation', 'completion', 'cancelled']);
const POLICY_STATUSES = new Set(['adopted', 'drafting', 'announced', 'signed']);
const IGOS = new Set(['EU', 'ASEAN', 'UN', 'UNESCO', 'UNDP', 'IAEA', 'WB', 'ADB', 'WHO', 'WMO', 'APEC', 'OECD']);
const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DOMAINS = new Set((parseYaml(readFileSync(path.join(SHARED, 'reference/domains.yaml'), 'utf8')) as { domains: { id: string }[] }).domains.map((d) => d.id));

const isParty = (c: string): boolean => /^[A-Z]{3}$/.test(c) || IGOS.has(c);
const pairKey = (a: string, b: string): string => [a, b].sort().join('|');
/** Compare quotes with whitespace runs collapsed, so a line break or double space in the article is not a mismatch. */
const squash = (s: string): string => s.replace(/\s+/g, ' ');

export function loadGold(lang: TestsetLang, dir: string = TESTSET): GoldFile {
  return JSON.parse(readFileSync(path.join(dir, `${lang}.gold.json`), 'utf8')) as GoldFile;
}

export function articleText(lang: TestsetLang, file: string, dir: string = TESTSET): string {
  return readFileSync(path.join(dir, lang, file), 'utf8');
}

/** Partner pairs of one event, as score.py derives them. */
function eventPairs(e: GoldEvent): string[] {
  const out: string[] = [];
  if (e.recipients.length) {
    for (const a of e.actors) for (const r of e.recipients) if (a !== r) out.push(pairKey(a, r));
  } else {
    for (let i = 0; i < e.actors.length; i++) for (let j = i + 1; j < e.actors.length; j++) out.push(pairKey(e.actors[i], e.actors[j]));
  }
  return out;
}

/** Every rule a gold document must satisfy, whatever its language. */
export function checkDoc(d: GoldDoc, lang: TestsetLang, dir: string = TESTSET): void {
  const where = `${path.relative(TESTSET, path.join(dir, lang)) || lang}/${d.file}`;
  assert.ok(existsSync(path.join(dir, lang, d.file)), `${where}: article file missing`);
  const text = articleText(lang, d.file, dir);
  const flat = squash(text);
  const quote = (s: string, what: string): void => assert.ok(flat.includes(squash(s)), `${where}: ${what} not verbatim in the article: ${s}`);
  assert.equal(text, text.normalize('NFC'), `${where}: article is not NFC`);
  assert.equal(d.lang, lang, `${where}: lang`);
  assert.equal(d.title, text.split('\n', 1)[0].trim(), `${where}: title must be the first line`);
  assert.ok(d.published === null || ISO_DATE.test(d.published), `${where}: published ${d.published}`);

  // Events: vocabularies, dates, verbatim evidence.
  const derived = new Set<string>();
  for (const e of d.events) {
    assert.ok(PLOVER.has(e.event), `${where}: event type ${e.event}`);
    for (const a of e.alt) assert.ok(PLOVER.has(a) && a !== e.event, `${where}: alt ${a}`);
    assert.ok(MODALITIES.has(e.modality), `${where}: modality ${e.modality}`);
    assert.ok(e.mode === undefined || MODES.has(e.mode), `${where}: mode ${e.mode}`);
    assert.ok(e.date === null || ISO_DATE.test(e.date), `${where}: event date ${e.date}`);
    assert.ok(e.actors.length > 0, `${where}: event without actors`);
    for (const c of [...e.actors, ...e.recipients]) assert.ok(isParty(c), `${where}: party code ${c}`);
    for (const dom of e.domains) assert.ok(DOMAINS.has(dom), `${where}: event domain ${dom}`);
    quote(e.evidence, 'event evidence');
    for (const p of eventPairs(e)) derived.add(p);
  }

  // Partners must equal the pairs the events produce (conventions + score.py).
  const partners = new Set(d.partners.map(([a, b]) => pairKey(a, b)));
  assert.deepEqual([...partners].sort(), [...derived].sort(), `${where}: partners differ from pairs derived from events`);
  for (const [a, b] of d.must_not.partners) assert.ok(!partners.has(pairKey(a, b)), `${where}: must_not pair ${a}-${b} is also a partner pair`);

  for (const dom of d.domains) assert.ok(DOMAINS.has(dom), `${where}: domain ${dom}`);
  assert.ok(d.domains.length <= 4, `${where}: more than 4 document domains`);

  for (const c of d.commitments) {
    assert.ok(isParty(c.actor), `${where}: commitment actor ${c.actor}`);
    assert.ok(STATUSES.has(c.status), `${where}: commitment status ${c.status}`);
    assert.ok(c.quantity === null || (typeof c.quantity === 'number' && Number.isFinite(c.quantity)), `${where}: quantity`);
    assert.ok(c.deadline === null || ISO_DATE.test(c.deadline), `${where}: deadline ${c.deadline}`);
    for (const dom of c.domains) assert.ok(DOMAINS.has(dom), `${where}: commitment domain ${dom}`);
    quote(c.evidence, 'commitment evidence');
  }
  for (const p of d.policies) {
    assert.ok(isParty(p.jurisdiction), `${where}: policy jurisdiction ${p.jurisdiction}`);
    assert.ok(POLICY_STATUSES.has(p.status), `${where}: policy status ${p.status}`);
    assert.ok(p.date === undefined || ISO_DATE.test(p.date), `${where}: policy date`);
  }
  for (const p of d.people) assert.ok(p.country === '' || isParty(p.country), `${where}: person country ${p.country}`);

  // must_not fragments: present in the text, and never overlapping a gold fact (score.py's 40-char test).
  for (const f of d.must_not.facts_from_text) {
    quote(f, 'must_not fragment');
    const ff = fold(f);
    for (const ev of [...d.events.map((e) => e.evidence), ...d.commitments.map((c) => c.evidence)]) {
      const fe = fold(ev);
      assert.ok(!fe.includes(ff.slice(0, 40)) && !ff.includes(fe.slice(0, 40)), `${where}: must_not fragment overlaps gold evidence: ${f}`);
    }
  }

  // Negative documents yield nothing at all.
  if (d.partners.length === 0) {
    assert.deepEqual([d.events.length, d.commitments.length, d.domains.length], [0, 0, 0], `${where}: negative document with facts`);
  }
}
