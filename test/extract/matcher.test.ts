/** Dictionary matching: word boundaries, case-sensitive acronyms, Vietnamese short forms, plurals, overrides. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKnowledgeBase, extractSentences } from '../../src/extract/index.ts';
import { tokenize, exactKey } from '../../src/extract/tokenize.ts';
import { expandForms } from '../../src/dict/load.ts';
import { foldAligned } from '../../src/util/fold.ts';
import type { Lang } from '../../src/types.ts';
import type { Payload } from '../../src/extract/kb.ts';

const kb = loadKnowledgeBase();

function matches(text: string, lang: Lang) {
  const t = text.normalize('NFC');
  return kb.trie.match(tokenize(t, foldAligned(t)), lang).map((m) => ({ layer: m.layer, text: t.slice(m.start, m.end), p: m.payload as Payload }));
}
/** Party codes of the entity layer, one per matched span. */
const codes = (text: string, lang: Lang) => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of matches(text, lang).filter((x) => x.layer === 'ent')) {
    const key = `${m.text}@${out.length}`;
    if (seen.has(m.text + '#' + ('code' in m.p ? m.p.code : ''))) continue;
    seen.add(m.text + '#' + ('code' in m.p ? m.p.code : ''));
    void key;
    out.push('code' in m.p ? m.p.code : '');
  }
  return out;
};
const domainsOf = (text: string, lang: Lang) => matches(text, lang).filter((m) => m.layer === 'dom' && m.p.k === 'domain' && !m.p.weak).map((m) => (m.p.k === 'domain' ? m.p.id : ''));

test('Vietnamese syllables inside words are not countries', () => {
  assert.deepEqual(codes('Cập nhật thông tin tại trung tâm thành phố, mỹ phẩm và pháp luật.', 'vi'), []);
  assert.deepEqual(codes('Anh ấy nói rằng anh sẽ đến.', 'vi'), []);
});

test('Vietnamese short forms match when capitalised and in country contexts', () => {
  assert.deepEqual(codes('Phía Mỹ và Nhật Bản ủng hộ.', 'vi'), ['USA', 'JPN']);
  assert.deepEqual(codes('Quan hệ Việt - Trung và nước Anh.', 'vi'), ['CHN', 'GBR']);
  assert.deepEqual(codes('Ông Nguyễn Văn Trung phát biểu.', 'vi'), [], 'a given name is not China');
});

test('French "j\'ai" is not AI; acronyms are case-sensitive', () => {
  assert.deepEqual(domainsOf("J'ai dit que l'IA est utile.", 'fr'), ['ai']);
  assert.deepEqual(domainsOf("J'ai vu le film.", 'fr'), []);
  assert.deepEqual(domainsOf('We invest in AI.', 'en'), ['ai']);
  assert.deepEqual(codes('The US and the EU agreed; let us see.', 'en'), ['USA', 'EU']);
  assert.deepEqual(codes("l'UE et l'ONU", 'fr'), ['EU', 'UN']);
});

test('whole tokens only; Laos and Laotian are separate entries; longest match wins', () => {
  assert.deepEqual(codes('Laos and Laotian officials', 'en'), ['LAO', 'LAO']);
  assert.deepEqual(codes('La République tchèque', 'fr'), ['CZE']);
  const m = matches('Académie des sciences et des technologies du Vietnam', 'fr').filter((x) => x.layer === 'ent');
  assert.equal(m.length, 1, 'the institution, not the country inside its name');
  assert.equal(m[0].p.k, 'inst');
});

test('plural and hyphen tolerance; combining forms only before a hyphen', () => {
  assert.deepEqual(domainsOf('les semi-conducteurs', 'fr'), ['semiconductors']);
  assert.deepEqual(domainsOf('les semi conducteurs et énergie renouvelable', 'fr'), ['semiconductors', 'energy_transition']);
  assert.deepEqual(codes('relations sino-vietnamiennes', 'fr'), ['CHN', 'VNM']);
  assert.deepEqual(codes('le sino est un mot', 'fr'), []);
});

test('Vietnamese tone placement is unified and diacritics are required', () => {
  assert.equal(exactKey('hoà'), exactKey('hòa'));
  assert.equal(exactKey('thuỷ'), exactKey('thủy'));
  assert.deepEqual(domainsOf('ngành bán dẫn', 'vi'), ['semiconductors']);
  assert.deepEqual(domainsOf('ban dan', 'vi'), []);
});

test('form expansion: alternatives and braces', () => {
  assert.deepEqual(expandForms('sign{é,ée}|signature'), ['signé', 'signée', 'signature']);
  assert.deepEqual(expandForms('accord{,s} signé{,s}'), ['accord signé', 'accord signés', 'accords signé', 'accords signés']);
});

test('--dict directories add and override entries without code changes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'coopwatch-dict-'));
  try {
    writeFileSync(path.join(dir, 'institutions.en.yaml'), 'version: 1\ninstitutions:\n  - { name: Acme Robotics, country: NZL, sector: BUS, forms: ["Acme Robotics"] }\n  - { name: Viettel, country: KHM }\n');
    const kb2 = loadKnowledgeBase({ dictDirs: [dir] });
    const t = 'Acme Robotics and Viettel';
    const ms = kb2.trie.match(tokenize(t, foldAligned(t)), 'en').filter((m) => m.layer === 'ent').map((m) => (m.payload as { code: string }).code);
    assert.deepEqual(ms, ['NZL', 'KHM']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('names keep their final s/x: "SpaceX" is not "Space", "the States" is not "the State"', () => {
  const codesOf = (t: string) => extractSentences([t], 'en', kb).entities.filter((e) => e.kind !== 'person').map((e) => e.country);
  assert.ok(!codesOf('The State Bank of Vietnam and the national Space agency met.').includes('USA'));
  assert.ok(codesOf('Vietnam signed a launch contract with SpaceX.').includes('USA'));
});
