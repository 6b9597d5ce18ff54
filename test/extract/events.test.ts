/**
 * Events on invented sentences (fr/en/vi): PLOVER types, AGREE vs SUPPORT, modality (future,
 * negated, historical, hypothetical), parties and roles, coreference, non-cooperation → nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledgeBase, extractSentences, extractDocument } from '../../src/extract/index.ts';
import { segmentText } from './helpers.ts';
import type { EventRecord, Lang } from '../../src/types.ts';

const kb = loadKnowledgeBase();
const PUB = { value: '2025-03-10', precision: 'day' as const };

function ev(lang: Lang, ...sentences: string[]): EventRecord[] {
  return extractSentences(sentences, lang, kb, { published: PUB }).events;
}
const codes = (e: EventRecord) => [...new Set([...e.actor, ...e.recipient].map((p) => p.code))].sort();
const brief = (e: EventRecord) => `${e.event}/${e.modality} ${e.actor.map((p) => p.code).join('+')}>${e.recipient.map((p) => p.code).join('+')}`;

test('signing an MoU is SUPPORT realized; both signatories are actors', () => {
  for (const [lang, s] of [
    ['fr', 'Le Vietnam et le Japon ont signé un protocole d’accord sur la formation dans les semi-conducteurs.'],
    ['en', 'Vietnam and Japan signed a memorandum of understanding on semiconductor training.'],
    ['vi', 'Việt Nam và Nhật Bản đã ký kết biên bản ghi nhớ về đào tạo nhân lực bán dẫn.'],
  ] as [Lang, string][]) {
    const es = ev(lang, s);
    assert.equal(es.length, 1, `${lang}: ${es.map(brief)}`);
    assert.equal(es[0].event, 'SUPPORT');
    assert.equal(es[0].cameo, '057');
    assert.equal(es[0].modality, 'realized');
    assert.deepEqual(codes(es[0]), ['JPN', 'VNM']);
    assert.deepEqual(es[0].recipient, []);
    assert.ok(es[0].domains.includes('semiconductors'));
    assert.ok(es[0].context.includes('technology'));
  }
});

test('a promise to sign or cooperate is AGREE future, never SUPPORT', () => {
  for (const [lang, s] of [
    ['fr', 'La Corée du Sud s’est engagée à signer un accord de coopération avec le Vietnam sur l’intelligence artificielle.'],
    ['en', 'South Korea pledged to sign a cooperation agreement with Vietnam on artificial intelligence.'],
    ['vi', 'Hàn Quốc cam kết ký thỏa thuận hợp tác với Việt Nam về trí tuệ nhân tạo.'],
  ] as [Lang, string][]) {
    const es = ev(lang, s);
    assert.equal(es.length, 1, `${lang}: ${es.map(brief)}`);
    assert.equal(es[0].event, 'AGREE');
    assert.equal(es[0].modality, 'future');
    assert.deepEqual(es[0].actor.map((p) => p.code), ['KOR']);
    assert.deepEqual(es[0].recipient.map((p) => p.code), ['VNM']);
  }
});

test('negation: a signing or agreement not reached is REJECT negated, never realized', () => {
  for (const [lang, s] of [
    ['fr', "Le Vietnam et la France n'ont pas signé l'accord sur le nucléaire."],
    ['en', 'Vietnam and France did not sign the nuclear agreement.'],
    ['vi', 'Việt Nam và Pháp chưa ký thỏa thuận về điện hạt nhân.'],
  ] as [Lang, string][]) {
    const es = ev(lang, s);
    assert.equal(es.length, 1, `${lang}: ${es.map(brief)}`);
    assert.equal(es[0].event, 'REJECT');
    assert.equal(es[0].modality, 'negated');
  }
  const failed = ev('en', 'Talks between Vietnam and South Korea failed to produce an agreement.');
  assert.ok(failed.some((e) => e.event === 'REJECT' && e.modality === 'negated'), failed.map(brief).join(', '));
  assert.ok(!failed.some((e) => e.modality === 'realized' && e.event !== 'CONSULT'), failed.map(brief).join(', '));
});

test('an outcome told after the talks negates them: REJECT negated plus the talks (CONSULT realized)', () => {
  for (const [lang, s] of [
    ['en', 'Three rounds of talks between Vietnam and Chile on a joint lithium refinery ended without agreement on Friday.'],
    ['fr', 'La négociation entre le Vietnam et le Chili sur une raffinerie commune de lithium n\'a pas abouti vendredi.'],
    ['vi', 'Vòng đàm phán giữa Việt Nam và Chile về nhà máy tinh chế lithium chung đã kết thúc mà không đạt được thỏa thuận.'],
  ] as [Lang, string][]) {
    const es = ev(lang, s);
    assert.ok(es.some((e) => e.event === 'REJECT' && e.modality === 'negated'), `${lang}: ${es.map(brief)}`);
    assert.ok(es.some((e) => e.event === 'CONSULT' && e.modality === 'realized'), `${lang}: ${es.map(brief)}`);
    assert.ok(!es.some((e) => e.event === 'AGREE' || e.event === 'COOPERATE'), `${lang}: ${es.map(brief)}`);
  }
});

test('background is not news: a past date or "since" yields no event; named past agreements stay historical', () => {
  const a = ev('fr', 'La France et le Vietnam ont signé en 2019 un accord de coopération spatiale.');
  assert.equal(a.length, 0, a.map(brief).join());
  const b = ev('en', 'Japan and Vietnam have held talks on energy since 2010.');
  assert.equal(b.length, 0, b.map(brief).join());
  const c = ev('fr', 'Il a salué les accords signés entre le CNRS et la VAST.');
  assert.ok(c.every((e) => e.modality === 'historical' || e.event !== 'SUPPORT' || e.cameo !== '057'));
});

test('a future aid or project is a promise (AGREE future); generic help counts under "will"', () => {
  const a = ev('en', 'Norway will provide a grant to Vietnam for coastal radar stations.');
  assert.deepEqual(a.map(brief), ['AGREE/future NOR>VNM']);
  const b = ev('en', 'Under the deal, the Chilean side will help Vietnam train mining engineers.');
  assert.deepEqual(b.map((e) => `${e.event}/${e.modality} ${codes(e)}`), ['AGREE/future CHL,VNM']);
  // A future meeting stays a meeting.
  const c = ev('en', 'Vietnam and Chile will hold talks on lithium in May.');
  assert.deepEqual(c.map((e) => `${e.event}/${e.modality}`), ['CONSULT/future']);
});

test('"would": a future in reported speech, hypothetical otherwise', () => {
  const a = ev('en', 'The minister said Norway would fund a new ocean laboratory for Vietnam.');
  assert.deepEqual(a.map(brief), ['AGREE/future NOR>VNM']);
  const b = ev('en', 'A new ocean laboratory for Vietnam would need funding from Norway.');
  assert.ok(b.every((e) => e.modality === 'hypothetical'), b.map(brief).join());
});

test('sport fixtures, hosting without a guest and venues yield no partners', () => {
  assert.deepEqual(ev('en', 'Vietnam will meet Thailand in the semi-final of the regional championship on Sunday.'), []);
  assert.deepEqual(ev('vi', 'Tuyển Việt Nam sẽ gặp Thái Lan trong trận chung kết tối mai.'), []);
  assert.deepEqual(ev('en', 'Malaysia and Chile are competing to host the second regional hub.'), []);
  const v = ev('en', 'Canada and Vietnam signed a memorandum on battery research.', 'Canada and Vietnam held talks on battery research at a meeting in Brazil.');
  assert.ok(v.length > 0 && v.every((e) => codes(e).join() === 'CAN,VNM'), v.map(brief).join());
});

test('a scheduled meeting is CONSULT future', () => {
  const es = ev('fr', 'Le forum Vietnam-Japon sur l’innovation aura lieu le 12 mai à Tokyo.');
  assert.equal(es.length, 1, es.map(brief).join());
  assert.equal(es[0].event, 'CONSULT');
  assert.equal(es[0].modality, 'future');
  assert.equal(es[0].mode, 'multilateral');
});

test('visits: the visitor is the actor, the host the recipient', () => {
  for (const [lang, s] of [
    ['fr', 'Le vice-Premier ministre Trần Văn Nam a reçu à Hanoï l’ambassadeur japonais Sato Kenji.'],
    ['en', 'Deputy Prime Minister Tran Van Nam received Japanese Ambassador Sato Kenji in Hanoi.'],
    ['vi', 'Phó Thủ tướng Trần Văn Nam tiếp Đại sứ Nhật Bản Sato Kenji tại Hà Nội.'],
  ] as [Lang, string][]) {
    const es = ev(lang, s);
    assert.equal(es.length, 1, `${lang}: ${es.map(brief)}`);
    assert.equal(es[0].event, 'CONSULT');
    assert.equal(es[0].mode, 'visit');
    assert.deepEqual(es[0].actor.map((p) => p.code), ['JPN'], brief(es[0]));
    assert.deepEqual(es[0].recipient.map((p) => p.code), ['VNM']);
    assert.equal(es[0].event_loc, 'Hanoi');
  }
});

test('loans and training provided are AID; a promised loan is AGREE; the amount goes to a commitment', () => {
  const x = extractSentences(['Japan will provide a concessional loan of 100 billion yen to Vietnam for the metro line by 2027.'], 'en', kb, { published: PUB });
  assert.equal(x.events[0]?.event, 'AGREE');
  assert.equal(x.events[0]?.modality, 'future');
  assert.equal(x.commitments[0]?.quantity, 1e11);
  assert.equal(x.commitments[0]?.unit, 'JPY');
  assert.equal(x.commitments[0]?.deadline, '2027');
  const y = extractSentences(['Japan and Vietnam signed a loan agreement worth 50 billion yen for the metro line.'], 'en', kb, { published: PUB });
  assert.ok(y.events.some((e) => e.event === 'AID' && e.modality === 'realized'), y.events.map(brief).join());
});

test('non-cooperation news and mere mentions yield nothing', () => {
  assert.deepEqual(ev('en', 'Manchester United beat Chelsea 3-1 on Sunday.', 'Heavy rain is expected in Hanoi tomorrow.'), []);
  assert.deepEqual(ev('fr', "La Chine et les États-Unis sont en avance dans l'intelligence artificielle."), []);
  assert.deepEqual(ev('vi', 'Cập nhật giá vàng hôm nay tại trung tâm Hà Nội.', 'Đội tuyển Việt Nam thắng Thái Lan 2-1.'), []);
  assert.deepEqual(ev('fr', 'Le ministre a rencontré les agriculteurs de la province.'), [], 'a domestic meeting is not cooperation');
  assert.deepEqual(ev('fr', 'Les deux pays peuvent renforcer leur coopération.'), [], 'generic, hypothetical cooperation talk');
});

test('coreference: "les deux pays", "hai bên", "the two sides" → the main pair; "la partie tchèque", "phía Việt Nam"', () => {
  const fr = extractDocument(segmentText('d1', 'd1', 'Le Vietnam et la Tchéquie renforcent leurs liens.\nLes deux pays ont signé un accord sur les énergies renouvelables.', { lang: 'fr', title: 'Vietnam – Tchéquie' }), kb).events;
  assert.ok(fr.some((e) => e.event === 'SUPPORT' && codes(e).join() === 'CZE,VNM'), fr.map(brief).join());
  const vi = extractDocument(segmentText('d2', 'd2', 'Việt Nam và Lào tăng cường quan hệ.\nHai bên đã ký kết thỏa thuận về chuyển đổi số.', { lang: 'vi', title: null }), kb).events;
  assert.ok(vi.some((e) => e.event === 'SUPPORT' && codes(e).join() === 'LAO,VNM'), vi.map(brief).join());
  const en = extractDocument(segmentText('d3', 'd3', 'Vietnam and Australia discussed research.\nThe two sides agreed to set up a joint laboratory.', { lang: 'en', title: null }), kb).events;
  assert.ok(en.some((e) => e.event === 'AGREE' && codes(e).join() === 'AUS,VNM'), en.map(brief).join());
  const side = ev('fr', 'La partie tchèque a invité la partie vietnamienne à un séminaire.');
  assert.ok(side.some((e) => e.event === 'REQUEST' && e.actor[0]?.code === 'CZE' && e.recipient[0]?.code === 'VNM'), side.map(brief).join());
  const phia = ev('vi', 'Phía Việt Nam mời phía Hàn Quốc tham dự hội thảo.');
  assert.ok(phia.some((e) => e.event === 'REQUEST' && e.actor[0]?.code === 'VNM' && e.recipient[0]?.code === 'KOR'), phia.map(brief).join());
});

test('several partners in one article; examples and group members are not partners', () => {
  const x = extractDocument(
    segmentText('d4', 'd4', 'Le Vietnam a signé un accord avec le Japon sur les semi-conducteurs.\nLe Vietnam a aussi signé un mémorandum avec la France sur le nucléaire.\nDes entreprises telles que Samsung et Intel investissent au Vietnam.\nLa Chine coopère avec les pays de l’ASEAN, dont le Vietnam, et s’engage à soutenir leur formation.', { lang: 'fr', title: null }),
    kb,
  ).events;
  const pairs = new Set(x.map((e) => codes(e).join('-')));
  assert.ok(pairs.has('JPN-VNM') && pairs.has('FRA-VNM'), [...pairs].join());
  assert.ok(!pairs.has('KOR-VNM') && !pairs.has('USA-VNM'), 'examples are not partners');
  assert.ok(!x.some((e) => codes(e).includes('VNM') && codes(e).includes('CHN')), 'a group member is not a separate partner');
});

test('a person’s country comes from their title; first person in interviews → speaker', () => {
  const x = extractDocument(
    segmentText('d5', 'd5', 'Journaliste : Quels sont vos projets ?\nLe ministre lao de la Science, Somsak Phommavong : Nous avons signé un accord avec le Vietnam sur les satellites.', { lang: 'fr', title: null }),
    kb,
  );
  const p = x.entities.find((e) => e.kind === 'person');
  assert.equal(p?.country, 'LAO');
  assert.ok(x.events.some((e) => e.event === 'SUPPORT' && codes(e).join() === 'LAO,VNM'), x.events.map(brief).join());
});

test('duplicate events in a document are merged; ids are stable', () => {
  const s = 'Le Vietnam et l’Inde ont signé un accord sur les logiciels.';
  const a = ev('fr', s, s);
  assert.equal(a.length, 1);
  const b = ev('fr', s, s);
  assert.equal(a[0].id, b[0].id);
  assert.match(a[0].id, /^[0-9a-f]{16}$/);
});

test('coordinated clauses with their own actors: each event takes its parties from its own side', () => {
  for (const [lang, s] of [
    ['en', 'Japan will lend seabed sensors to Vietnam, while Australia will train Laotian oceanographers in data processing.'],
    ['fr', 'Le Japon prêtera des capteurs au Vietnam, tandis que l’Australie formera des océanographes laotiens au traitement des données.'],
    ['vi', 'Nhật Bản sẽ cho Việt Nam mượn thiết bị cảm biến, trong khi Australia sẽ đào tạo các nhà hải dương học Lào về xử lý dữ liệu.'],
  ] as [Lang, string][]) {
    const es = ev(lang, s);
    // Never a Japan–Australia or Vietnam–Laos event made of the two halves.
    for (const e of es) {
      const c = codes(e);
      assert.ok(!(c.includes('JPN') && c.includes('AUS')) && !(c.includes('VNM') && c.includes('LAO')), `${lang}: ${es.map(brief)}`);
    }
    assert.ok(es.some((e) => codes(e).join() === 'AUS,LAO'), `${lang}: ${es.map(brief)}`);
  }
});

test('"both sides" after two named parties means them, not the article\'s main pair', () => {
  const text = [
    'Vietnam and Japan signed a memorandum on ocean observation on Monday.',
    'In a separate deal, Viettel and South Korea’s Samsung agreed to set up a joint 6G laboratory in Hanoi, with both sides contributing engineers.',
  ].join('\n\n');
  const doc = segmentText('d1', 'd1.txt', text, { lang: 'en', title: 'Vietnam and Japan sign ocean data pact', published: PUB });
  const es = extractDocument(doc, kb).events.filter((e) => e.event_text.includes('separate deal'));
  assert.ok(es.length >= 1);
  for (const e of es) assert.deepEqual(codes(e), ['KOR', 'VNM'], brief(e));
});

test('a French trigger verb in the simple future tells a future event by itself', () => {
  for (const s of ['L’Australie formera des ingénieurs laotiens.', 'La France financera un laboratoire de recherche au Vietnam.']) {
    const es = ev('fr', s);
    assert.equal(es.length, 1, es.map(brief).join());
    assert.equal(es[0].event, 'AGREE');
    assert.equal(es[0].modality, 'future');
  }
  // The same verbs in the past are realized, and a noun ending like a future is not a verb.
  assert.ok(ev('fr', 'La France a financé un laboratoire de recherche au Vietnam.').every((e) => e.modality === 'realized'));
});

test('a promise carries into a sub-clause that continues it ("…, đồng thời …", "…, tout en …")', () => {
  const vi = ev('vi', 'Phía Hàn Quốc cam kết cấp 100 suất học bổng cho sinh viên Việt Nam trong giai đoạn 2025–2027, đồng thời hỗ trợ kỹ thuật để xây dựng trung tâm dữ liệu.');
  assert.ok(vi.length >= 1 && vi.every((e) => e.modality === 'future'), vi.map(brief).join());
  const fr = ev('fr', 'La France s’est engagée à financer le laboratoire, tout en formant des ingénieurs vietnamiens.');
  assert.ok(fr.length >= 1 && fr.every((e) => e.modality === 'future'), fr.map(brief).join());
});

test('an event word inside a condition is no event; a "but" clause keeps its own parties', () => {
  const fr = ev('fr', 'Des investisseurs japonais et singapouriens pourraient être intéressés si les discussions avec le partenaire coréen étaient abandonnées.');
  assert.deepEqual(fr.map(brief), []);
  const en = ev('en', 'Japanese and Singaporean investors could be interested if the talks with the Korean partner were abandoned.');
  assert.deepEqual(en.map(brief), []);
  const vi = ev('vi', 'Thái Lan và Myanmar hiện chưa tham gia cơ chế này, song các nước ký kết cho biết vẫn để ngỏ khả năng mở rộng.');
  assert.deepEqual(vi.map(brief), []);
  // The main clause of a conditional sentence still counts.
  const main = ev('en', 'If the feasibility study is positive, Vietnam and Japan will sign a memorandum on semiconductors.');
  assert.ok(main.some((e) => codes(e).join() === 'JPN,VNM'), main.map(brief).join());
});

test('a definite actor noun refers back to the party last named with it ("le groupe", "the agency")', () => {
  const fr = extractSentences(['Le groupe américain Redwood Silicon a inauguré lundi une usine de semi-conducteurs à Bac Ninh.', 'Le groupe s’est engagé à former 2 000 ingénieurs vietnamiens d’ici 2028.'], 'fr', kb, { published: PUB });
  assert.ok(fr.events.some((e) => brief(e) === 'AGREE/future USA>VNM'), fr.events.map(brief).join());
  assert.ok(fr.commitments.some((c) => c.actor.some((a) => a.code === 'USA') && c.quantity === 2000 && c.deadline === '2028'));
  const en = extractSentences(['The International Atomic Energy Agency approved a new country programme.', 'The agency will provide Vietnam with a linear accelerator.'], 'en', kb, { published: PUB });
  assert.ok(en.events.some((e) => brief(e) === 'AGREE/future IAEA>VNM'), en.events.map(brief).join());
  // Without an earlier antecedent, "the agency" names nobody.
  assert.deepEqual(ev('en', 'The agency will provide a linear accelerator to a cancer hospital.').map(brief), []);
});

test('requests, co-funding and joint committee sessions in en/fr/vi', () => {
  const req = ev('en', 'The Korean minister proposed that Vietnam and Korea set up a joint working group on chips.');
  assert.ok(req.some((e) => e.event === 'REQUEST'), req.map(brief).join());
  const cofund = ev('en', 'Singapore will co-fund a pilot data centre with Vietnam.');
  assert.ok(cofund.some((e) => codes(e).join() === 'SGP,VNM'), cofund.map(brief).join());
  const committee = ev('vi', 'Kỳ họp lần thứ 10 Ủy ban hỗn hợp Việt Nam – Hàn Quốc về hợp tác khoa học và công nghệ diễn ra tại Seoul.');
  assert.ok(committee.some((e) => e.event === 'CONSULT' && codes(e).join() === 'KOR,VNM'), committee.map(brief).join());
});

test('training people is the human_resources domain in all three languages', () => {
  for (const [lang, s] of [
    ['en', 'Denmark will train Vietnamese engineers in offshore wind maintenance.'],
    ['fr', 'Le Japon formera 120 techniciens laotiens aux réseaux mobiles.'],
    ['vi', 'Nhật Bản sẽ đào tạo 120 kỹ thuật viên Lào về mạng di động.'],
  ] as [Lang, string][]) {
    const es = ev(lang, s);
    assert.ok(es.some((e) => e.domains.includes('human_resources')), `${lang}: ${JSON.stringify(es.map((e) => e.domains))}`);
  }
});
