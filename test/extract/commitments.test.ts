/** Commitments, policies and domains on invented sentences (fr/en/vi). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledgeBase, extractSentences } from '../../src/extract/index.ts';
import type { Lang } from '../../src/types.ts';

const kb = loadKnowledgeBase();
const PUB = { value: '2025-03-10', precision: 'day' as const };
const x = (lang: Lang, ...s: string[]) => extractSentences(s, lang, kb, { published: PUB });

test('targets with a quantity and a deadline are commitments', () => {
  for (const [lang, s] of [
    ['fr', "Le Vietnam s'est fixé pour objectif de former 50 000 ingénieurs en semi-conducteurs d'ici 2030."],
    ['en', 'Vietnam aims to train 50,000 semiconductor engineers by 2030.'],
    ['vi', 'Việt Nam đặt mục tiêu đào tạo 50.000 kỹ sư bán dẫn đến năm 2030.'],
  ] as [Lang, string][]) {
    // A domestic target alone is a policy matter; next to a cooperation event it is a commitment.
    assert.equal(x(lang, s).commitments.length, 0, lang);
    const coop = { fr: 'Le Vietnam et la Corée du Sud ont signé un protocole d\'accord sur les semi-conducteurs.', en: 'Vietnam and South Korea signed a memorandum of understanding on semiconductors.', vi: 'Việt Nam và Hàn Quốc đã ký biên bản ghi nhớ về bán dẫn.' }[lang as 'fr' | 'en' | 'vi'];
    const c = x(lang, coop, s).commitments;
    assert.equal(c.length, 1, lang);
    assert.equal(c[0].quantity, 50000, lang);
    assert.equal(c[0].unit, 'engineers', lang);
    assert.equal(c[0].deadline, '2030', lang);
    assert.equal(c[0].status, 'commitment', lang);
    assert.deepEqual(c[0].actor.map((a) => a.code), ['VNM'], lang);
    assert.ok(c[0].domains.includes('semiconductors'), lang);
  }
});

test('an explicit pledge is a commitment even without numbers; money and deadlines are parsed', () => {
  const a = x('fr', "La Corée du Sud s'est engagée à envoyer une délégation d'experts au Vietnam.").commitments;
  assert.equal(a.length, 1);
  assert.equal(a[0].status, 'pledge');
  assert.deepEqual(a[0].actor.map((p) => p.code), ['KOR']);
  const b = x('vi', 'Nhật Bản cam kết cung cấp khoản vay 1,5 tỷ USD cho Việt Nam đến năm 2030.').commitments;
  assert.equal(b[0]?.quantity, 1.5e9);
  assert.equal(b[0]?.unit, 'USD');
  assert.equal(b[0]?.deadline, '2030');
  assert.equal(b[0]?.status, 'pledge');
});

test('a bare future tense needs a deadline; negated or hypothetical targets are not commitments', () => {
  assert.equal(x('fr', 'La Chine et le Vietnam seront plus proches.').commitments.length, 0);
  assert.equal(x('en', 'Japan could provide 1,000 scholarships to Vietnam by 2030.').commitments.length, 0);
  assert.equal(x('en', 'Japan will provide 1,000 scholarships to Vietnam by 2030.').commitments.length, 1);
});

test('non-cooperation targets (sport) are not commitments', () => {
  assert.equal(x('en', 'The national football team aims to win three medals by 2026.').commitments.length, 0);
  assert.equal(x('vi', 'Đội tuyển bóng đá đặt mục tiêu giành 3 huy chương vàng đến năm 2026.').commitments.length, 0);
});

test('policies: named laws, strategies and resolutions with jurisdiction and status', () => {
  const p = x('fr', "Le ministère des Sciences et des Technologies préside l'élaboration de la loi sur l'intelligence artificielle.", "La loi européenne sur l'IA est entrée en vigueur.", 'Le Vietnam met en œuvre la Résolution 57-NQ/TW du Bureau politique.').policies;
  const by = new Map(p.map((r) => [r.name.split(' ')[0].toLowerCase() + ':' + r.jurisdiction, r.status]));
  assert.equal(by.get('loi:EU'), 'adopted', JSON.stringify(p.map((r) => [r.name, r.jurisdiction, r.status])));
  assert.ok(p.some((r) => /intelligence artificielle/.test(r.name) && r.status === 'drafting'));
  assert.ok(p.some((r) => /57-NQ\/TW/.test(r.name) && r.jurisdiction === 'VNM'));
  const v = x('vi', 'Quốc hội đang xây dựng dự thảo Luật Trí tuệ nhân tạo.').policies;
  assert.ok(v.some((r) => /Trí tuệ nhân tạo/.test(r.name) && r.status === 'drafting'), JSON.stringify(v));
  const e = x('en', 'The United States passed the CHIPS and Science Act in 2022.').policies;
  assert.ok(e.some((r) => r.name === 'CHIPS and Science Act' && r.jurisdiction === 'USA' && r.date === '2022'), JSON.stringify(e));
  assert.equal(x('fr', 'Le programme de la visite comprend un dîner.').policies.length, 0, 'an unnamed programme is not a policy');
});

test('domains: weak triggers need a strong one; exclusions; figurative uses', () => {
  const d = (lang: Lang, s: string) => x(lang, `Le Vietnam et le Japon ont signé un accord. ${s}`).events[0]?.domains ?? [];
  assert.deepEqual(x('vi', 'Việt Nam và Nga ký kết thỏa thuận về điện hạt nhân.').events[0]?.domains, ['nuclear']);
  assert.deepEqual(x('vi', 'Việt Nam và Nga ký kết thỏa thuận, NIC là hạt nhân của hệ sinh thái khởi nghiệp.').events[0]?.domains, ['innovation_startups']);
  assert.deepEqual(x('en', 'Vietnam and Japan signed a deal, a quantum leap for their ties.').events[0]?.domains ?? [], []);
  void d;
});

test('a loan or grant with an amount is a commitment without any cue; status follows modality', () => {
  const signed = x('en', 'Vietnam and the Asian Development Bank signed a loan agreement worth USD 80 million for rural roads.').commitments;
  assert.deepEqual(signed.map((c) => [c.quantity, c.unit, c.status, c.actor[0].code]), [[80000000, 'USD', 'commitment', 'ADB']]);
  const promised = x('en', 'Norway will provide a grant of EUR 9 million to Vietnam for coastal radars.').commitments;
  assert.deepEqual(promised.map((c) => [c.quantity, c.status, c.actor[0].code]), [[9000000, 'pledge', 'NOR']]);
  const maybe = x('en', 'Norway could provide a grant of EUR 9 million to Vietnam for coastal radars.').commitments;
  assert.equal(maybe.length, 0);
});

test('commitment cues: amount verbs, "is due to", reported "would", offers; stances and background are not pledges', () => {
  const a = x('en', 'Chile and Vietnam signed a memorandum on lithium research.', 'Chile will commit USD 40 million to the programme.').commitments;
  assert.ok(a.some((c) => c.quantity === 40000000), JSON.stringify(a));
  const b = x('en', 'Chile and Vietnam signed a memorandum on lithium research.', 'The minister said Chile would fund 30 research grants a year until 2029.').commitments;
  assert.ok(b.some((c) => c.quantity === 30 && c.deadline === '2029'), JSON.stringify(b));
  const c = x('en', 'Chile and Vietnam signed a memorandum on lithium research.', 'Chile also offered to host 25 Vietnamese geologists next year.').commitments;
  assert.ok(c.some((m) => m.quantity === 25 && m.deadline === '2026'), JSON.stringify(c));
  const d = x('en', 'Chile and Vietnam held talks on lithium research.', 'The Chilean envoy said Chile remained committed to the region.').commitments;
  assert.equal(d.length, 0, JSON.stringify(d));
  const e = x('vi', 'Việt Nam và Chile đã ký biên bản ghi nhớ về nghiên cứu lithium.', 'Kể từ năm 2005, Chile đã cam kết hỗ trợ Việt Nam đào tạo kỹ sư.').commitments;
  assert.equal(e.length, 0, JSON.stringify(e));
});

test('a sentence naming no party takes the committing party of the last one that did (cooperation articles only)', () => {
  const a = x('en', 'Chile and Vietnam signed a memorandum on lithium research.', 'Chile will fund a joint laboratory in Hanoi.', 'It will also offer 40 doctoral scholarships by 2030.').commitments;
  const s = a.find((c) => c.quantity === 40);
  assert.equal(s?.deadline, '2030');
  assert.ok(s && ['CHL', 'VNM'].includes(s.actor[0].code));
  const b = x('en', 'The laboratory is expected to open by the end of 2026.').commitments;
  assert.equal(b.length, 0);
});

test('an amount restated with and without its deadline (headline, lead, body) is one commitment, dated', async () => {
  const { extractDocument } = await import('../../src/extract/index.ts');
  const { segmentText } = await import('./helpers.ts');
  const title = 'EU pledges USD 1.5 billion for Vietnam’s energy transition';
  const body = [
    'The European Union and Vietnam signed a memorandum on energy transition on Monday.',
    'The European Union will mobilise USD 1.5 billion by 2030 for Vietnam’s energy transition, its ambassador said.',
  ].join('\n\n');
  const doc = segmentText('c1', 'c1.txt', `${title}\n\n${body}`, { lang: 'en', title, published: PUB });
  const cs = extractDocument(doc, kb).commitments.filter((c) => c.quantity === 1_500_000_000);
  assert.equal(cs.length, 1, JSON.stringify(cs.map((c) => [c.deadline, c.event_text])));
  assert.equal(cs[0].deadline, '2030');
  assert.ok(cs[0].event_text.startsWith('The European Union will mobilise'));
});
