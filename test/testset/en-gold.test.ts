/**
 * Consistency and coverage checks for the English half of the annotated test set
 * (testset/en.gold.json and the articles in testset/en/).
 *
 * If a gold file quotes evidence that is not in its article, or lists partner pairs that its own
 * events do not produce, every score computed against it goes down without any warning. So the gold
 * is tested like code. The pair and must_not rules mirror /work/shared/eval/score.py. The coverage
 * test pins the hard cases the English set exists for, so that a later edit cannot quietly drop one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO, SHARED } from '../helpers.ts';
import { fold } from '../../src/util/fold.ts';

interface GoldEvent {
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
interface GoldCommitment {
  actor: string;
  quantity: number | null;
  unit: string | null;
  deadline: string | null;
  domains: string[];
  status: string;
  evidence: string;
}
interface GoldDoc {
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

const DIR = path.join(REPO, 'testset/en');
const GOLD = JSON.parse(readFileSync(path.join(REPO, 'testset/en.gold.json'), 'utf8')) as { format: string; documents: GoldDoc[] };
const PLOVER = new Set(['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT']);
const MODALITIES = new Set(['realized', 'future', 'hypothetical', 'negated', 'historical']);
const MODES = new Set(['visit', 'multilateral', 'phone', 'third-party']);
const STATUSES = new Set(['pledge', 'commitment', 'implementation', 'completion', 'cancelled']);
const POLICY_STATUSES = new Set(['adopted', 'drafting', 'announced', 'signed']);
const IGOS = new Set(['EU', 'ASEAN', 'UN', 'UNESCO', 'UNDP', 'IAEA', 'WB', 'ADB', 'WHO', 'WMO', 'APEC', 'OECD']);
const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DOMAINS = new Set((parseYaml(readFileSync(path.join(SHARED, 'reference/domains.yaml'), 'utf8')) as { domains: { id: string }[] }).domains.map((d) => d.id));
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const isParty = (c: string): boolean => /^[A-Z]{3}$/.test(c) || IGOS.has(c);
const pairKey = (a: string, b: string): string => [a, b].sort().join('|');
/** Compare quotes with whitespace runs collapsed, so a line break or double space in the article is not a mismatch. */
const squash = (s: string): string => s.replace(/\s+/g, ' ');

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

/** Publication date from the dateline (line 2), in the two shapes the English set uses; null when there is none. */
function datelineDate(text: string): string | null {
  const line = text.split('\n')[1] ?? '';
  const dmy = /\b(\d{2})\/(\d{2})\/(\d{4})\b/.exec(line);
  if (dmy) return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  const mdy = /\b([A-Z][a-z]+) (\d{1,2}), (\d{4})\b/.exec(line);
  if (mdy && MONTHS.includes(mdy[1].toLowerCase())) return `${mdy[3]}-${String(MONTHS.indexOf(mdy[1].toLowerCase()) + 1).padStart(2, '0')}-${mdy[2].padStart(2, '0')}`;
  return null;
}

test('en.gold.json is coopwatch-gold/1 and annotates every English article exactly once', () => {
  assert.equal(GOLD.format, 'coopwatch-gold/1');
  const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
  assert.deepEqual(GOLD.documents.map((d) => d.file).sort(), files);
  assert.ok(files.length >= 12, 'at least 12 English articles');
});

test('en.gold.json documents are internally consistent and quote their articles verbatim', () => {
  for (const d of GOLD.documents) {
    const where = `en/${d.file}`;
    const file = path.join(DIR, d.file);
    assert.ok(existsSync(file), `${where}: article missing`);
    const text = readFileSync(file, 'utf8');
    const flat = squash(text);
    const quote = (s: string, what: string): void => assert.ok(flat.includes(squash(s)), `${where}: ${what} not verbatim in the article: ${s}`);
    assert.equal(text, text.normalize('NFC'), `${where}: not NFC`);
    assert.equal(d.lang, 'en');
    assert.equal(d.title, text.split('\n', 1)[0], `${where}: title must be line 1`);
    assert.equal(d.published, datelineDate(text), `${where}: published must be the dateline date (or null without one)`);
    const words = text.split(/\s+/).filter(Boolean).length;
    assert.ok(words >= 150 && words <= 600, `${where}: ${words} words`);

    const derived = new Set<string>();
    for (const e of d.events) {
      assert.ok(PLOVER.has(e.event), `${where}: event ${e.event}`);
      for (const a of e.alt) assert.ok(PLOVER.has(a) && a !== e.event, `${where}: alt ${a}`);
      assert.ok(MODALITIES.has(e.modality), `${where}: modality ${e.modality}`);
      assert.ok(e.mode === undefined || MODES.has(e.mode), `${where}: mode ${e.mode}`);
      assert.ok(e.date === null || ISO_DATE.test(e.date), `${where}: date ${e.date}`);
      assert.ok(e.actors.length > 0, `${where}: event without actors`);
      for (const c of [...e.actors, ...e.recipients]) assert.ok(isParty(c), `${where}: party ${c}`);
      for (const x of e.domains) assert.ok(DOMAINS.has(x), `${where}: domain ${x}`);
      quote(e.evidence, 'evidence');
      for (const p of eventPairs(e)) derived.add(p);
    }
    const partners = new Set(d.partners.map(([a, b]) => pairKey(a, b)));
    assert.deepEqual([...partners].sort(), [...derived].sort(), `${where}: partners differ from the pairs the events produce`);
    for (const [a, b] of d.must_not.partners) assert.ok(!partners.has(pairKey(a, b)), `${where}: must_not pair ${a}-${b} is a partner`);
    for (const x of d.domains) assert.ok(DOMAINS.has(x), `${where}: domain ${x}`);
    assert.ok(d.domains.length <= 4, `${where}: more than 4 domains`);

    for (const c of d.commitments) {
      assert.ok(isParty(c.actor), `${where}: commitment actor ${c.actor}`);
      assert.ok(STATUSES.has(c.status), `${where}: status ${c.status}`);
      assert.ok(c.quantity === null || Number.isFinite(c.quantity), `${where}: quantity`);
      assert.ok(c.deadline === null || ISO_DATE.test(c.deadline), `${where}: deadline ${c.deadline}`);
      for (const x of c.domains) assert.ok(DOMAINS.has(x), `${where}: domain ${x}`);
      quote(c.evidence, 'commitment evidence');
    }
    for (const p of d.policies) {
      assert.ok(isParty(p.jurisdiction) && POLICY_STATUSES.has(p.status), `${where}: policy ${p.name}`);
      assert.ok(p.date === undefined || ISO_DATE.test(p.date), `${where}: policy date`);
    }
    for (const p of d.people) {
      assert.ok(isParty(p.country), `${where}: person country ${p.country}`);
      assert.ok([p.name, ...p.aliases].some((n) => text.includes(n)), `${where}: person ${p.name} not in the text`);
    }

    // must_not fragments are in the text and never overlap a gold fact under score.py's 40-character test.
    for (const f of d.must_not.facts_from_text) {
      quote(f, 'must_not fragment');
      const ff = fold(f);
      for (const ev of [...d.events.map((e) => e.evidence), ...d.commitments.map((c) => c.evidence)]) {
        const fe = fold(ev);
        assert.ok(!fe.includes(ff.slice(0, 40)) && !ff.includes(fe.slice(0, 40)), `${where}: must_not fragment overlaps gold evidence: ${f}`);
      }
    }

    // A document with no partner is negative: nothing may be extracted from it.
    if (d.partners.length === 0) {
      assert.deepEqual([d.events.length, d.commitments.length, d.domains.length], [0, 0, 0], `${where}: negative document with facts`);
    }
  }
});

test('the English set covers the hard cases it was written for', () => {
  const docs = GOLD.documents;
  const events = docs.flatMap((d) => d.events.map((e) => ({ ...e, file: d.file })));
  const commitments = docs.flatMap((d) => d.commitments);
  const has = (what: string, ok: boolean): void => assert.ok(ok, `missing hard case: ${what}`);

  has('a signed MoU', events.some((e) => e.event === 'SUPPORT' && e.modality === 'realized' && /memorandum/i.test(e.evidence)));
  has('a promised MoU', events.some((e) => e.event === 'AGREE' && e.modality === 'future' && /memorandum/i.test(e.evidence)));
  has('a failed negotiation', events.some((e) => e.event === 'REJECT' && e.modality === 'negated'));
  has('hypothetical cooperation', events.some((e) => e.modality === 'hypothetical'));
  has('a request', events.some((e) => e.event === 'REQUEST'));
  has('a phone call', events.some((e) => e.mode === 'phone'));
  has('a realized loan', events.some((e) => e.event === 'AID' && e.modality === 'realized' && /loan/i.test(e.evidence)));
  has('USD 150 million', commitments.some((c) => c.quantity === 150_000_000 && c.unit === 'USD'));
  has('£1bn', commitments.some((c) => c.quantity === 1_000_000_000 && c.unit === 'GBP'));
  has('$2.5bn', commitments.some((c) => c.quantity === 2_500_000_000 && c.unit === 'USD'));
  has('610 MW', commitments.some((c) => c.quantity === 610 && c.unit === 'MW'));
  has('several partner pairs in one article', docs.some((d) => d.partners.length >= 4));
  has('historical background marked must_not', docs.filter((d) => d.must_not.facts_from_text.some((f) => /\b(19|20)\d\d\b/.test(f))).length >= 3);
  has('a purely domestic policy article', docs.some((d) => d.partners.length === 0 && d.policies.length > 0));
  has('three non-cooperation articles', docs.filter((d) => d.partners.length === 0 && d.policies.length === 0).length >= 3);
  has('two undated articles', docs.filter((d) => d.published === null).length >= 2);
});
