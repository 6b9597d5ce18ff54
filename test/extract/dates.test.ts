/** findDates: values at the precision the text supports, roles from cue words, no invented values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SEEDS, SEEDS_GOLD } from '../helpers.ts';
import { chronoMayFindDates, findDates, type DateMention } from '../../src/extract/dates.ts';
import type { Lang, PartialDate } from '../../src/types.ts';

const NOW = { now: new Date(Date.UTC(2026, 10, 23)) };
const day = (value: string): PartialDate => ({ value, precision: 'day' });
const month = (value: string): PartialDate => ({ value, precision: 'month' });

/** [text, value, precision, role] of every mention. */
function dates(text: string, lang: Lang, ref: PartialDate | null): [string, string, string, string][] {
  return findDates(text, lang, ref, NOW).map((d) => [d.text, d.value, d.precision, d.role]);
}

/** The single mention found in `text`, or a failure. */
function one(text: string, lang: Lang, ref: PartialDate | null): [string, string, string] {
  const all = dates(text, lang, ref);
  assert.equal(all.length, 1, `${text} → ${JSON.stringify(all)}`);
  return [all[0][1], all[0][2], all[0][3]];
}

test('French: chrono dates resolved against the publication date, years after prepositions', () => {
  assert.deepEqual(one('Il a participé le 22 septembre à un séminaire.', 'fr', month('2024-09')), ['2024-09-22', 'day', 'point']);
  assert.deepEqual(one('La stratégie a été publiée en 2021.', 'fr', null), ['2021', 'year', 'point']);
  assert.deepEqual(one('Le contrat a été signé le 10/03/2025 à Hanoï.', 'fr', null), ['2025-03-10', 'day', 'point']);
  assert.deepEqual(one('Les ventes de mars 2024 ont progressé.', 'fr', null), ['2024-03', 'month', 'point']);
  assert.deepEqual(one('Le rapport du premier trimestre 2025 est paru.', 'fr', null), ['2025-01', 'month', 'point']);
});

test('weekday check: a weekday + day + month without year and without reference picks the latest matching year', () => {
  assert.deepEqual(one('Le ministre a reçu lundi 29 mai son homologue.', 'fr', null), ['2023-05-29', 'day', 'point']);
  assert.deepEqual(one('Thứ Hai, ngày 29/5 Bộ trưởng đã tiếp đoàn.', 'vi', null), ['2023-05-29', 'day', 'point']);
  // Without a weekday nor a reference there is no year: nothing is invented.
  assert.deepEqual(dates('Le ministre a reçu le 29 mai son homologue.', 'fr', null), []);
  assert.deepEqual(dates('Bộ trưởng đã tiếp đoàn ngày 29/5.', 'vi', null), []);
});

test('a day-month more than 6 months after the reference is taken from the year before', () => {
  assert.deepEqual(one('La réunion du 28 octobre a été fructueuse.', 'fr', day('2025-03-10')), ['2024-10-28', 'day', 'point']);
  assert.deepEqual(one('La réunion du 28 avril a été fructueuse.', 'fr', day('2025-03-10')), ['2025-04-28', 'day', 'point']);
  // A deadline before the reference is in the following year.
  assert.deepEqual(one('Le dossier doit être remis avant le 31 janvier.', 'fr', day('2025-03-10')), ['2026-01-31', 'day', 'deadline']);
});

test('horizons are deadlines, "since" cues start periods (fr)', () => {
  const ref = day('2025-03-10');
  assert.deepEqual(dates("L'objectif est de former des ingénieurs d'ici 2030.", 'fr', ref), [["d'ici 2030", '2030', 'year', 'deadline']]);
  assert.deepEqual(one("La ligne sera achevée d'ici la fin de l'année.", 'fr', ref), ['2025-12-31', 'day', 'deadline']);
  assert.deepEqual(one("Le réseau sera étendu d'ici à 2025.", 'fr', ref), ['2025', 'year', 'deadline']);
  assert.deepEqual(one('Le pays vise la neutralité avant 2030.', 'fr', ref), ['2030', 'year', 'deadline']);
  assert.deepEqual(one("Le plan court à l'horizon 2030.", 'fr', ref), ['2030', 'year', 'deadline']);
  assert.deepEqual(one("Le centre ouvrira l'année prochaine.", 'fr', ref), ['2026', 'year', 'deadline']);
  assert.deepEqual(one('Les deux pays coopèrent depuis 1995.', 'fr', null), ['1995', 'year', 'since']);
  assert.deepEqual(dates('Depuis la normalisation des relations en 1995, les échanges croissent.', 'fr', null), [['en 1995', '1995', 'year', 'since']]);
  assert.deepEqual(one('Depuis début 2025, plusieurs modèles sont déployés.', 'fr', null), ['2025', 'year', 'since']);
});

test('English horizons, durations and relative years need the reference', () => {
  const ref = day('2025-03-10');
  assert.deepEqual(one('They aim to train engineers by 2030.', 'en', ref), ['2030', 'year', 'deadline']);
  assert.deepEqual(one('The plant will open by the end of the year.', 'en', ref), ['2025-12-31', 'day', 'deadline']);
  assert.deepEqual(one('The line will be finished by end-2026.', 'en', ref), ['2026-12-31', 'day', 'deadline']);
  assert.deepEqual(one('Emissions must fall before 2030.', 'en', ref), ['2030', 'year', 'deadline']);
  assert.deepEqual(one('The lab will be ready by next year.', 'en', ref), ['2026', 'year', 'deadline']);
  assert.deepEqual(one('They will build ten fabs within five years.', 'en', ref), ['2030', 'year', 'deadline']);
  assert.deepEqual(one('The two countries have cooperated since 1995.', 'en', ref), ['1995', 'year', 'since']);
  assert.deepEqual(one('The strategy was adopted in 2021.', 'en', ref), ['2021', 'year', 'point']);
  assert.deepEqual(one('The forum met on 22 September.', 'en', month('2024-09')), ['2024-09-22', 'day', 'point']);
  assert.deepEqual(one('Output rose in Q3 2025.', 'en', null), ['2025-07', 'month', 'point']);
  // "June 19" is the 19th of June (not June 2019) even though numeric dates are read day-first.
  assert.deepEqual(one('The loan was signed on June 19 in Hanoi.', 'en', day('2025-06-20')), ['2025-06-19', 'day', 'point']);
  assert.deepEqual(one('The contract was signed on 05/02/2026.', 'en', null), ['2026-02-05', 'day', 'point']);
  // Relative expressions without a reference: no value.
  assert.deepEqual(dates('The lab will be ready by next year, within five years at most.', 'en', null), []);
});

test('Vietnamese absolute dates, quarters and years', () => {
  const ref = day('2025-03-10');
  assert.deepEqual(one('Hội nghị diễn ra ngày 29/5.', 'vi', ref), ['2025-05-29', 'day', 'point']);
  assert.deepEqual(one('Hội nghị diễn ra ngày 29/5/2023 tại Hà Nội.', 'vi', null), ['2023-05-29', 'day', 'point']);
  assert.deepEqual(one('Hội nghị diễn ra 29-5-2023 tại Hà Nội.', 'vi', null), ['2023-05-29', 'day', 'point']);
  assert.deepEqual(one('Văn bản ký ngày 29 tháng 5 năm 2023.', 'vi', null), ['2023-05-29', 'day', 'point']);
  assert.deepEqual(one('Dự án khởi công tháng 9/2024.', 'vi', null), ['2024-09', 'month', 'point']);
  assert.deepEqual(one('Dự án khởi công tháng 9 năm 2024.', 'vi', null), ['2024-09', 'month', 'point']);
  assert.deepEqual(one('Kết quả năm 2024 rất khả quan.', 'vi', null), ['2024', 'year', 'point']);
  assert.deepEqual(one('Nhà máy vận hành trong quý III/2025.', 'vi', null), ['2025-07', 'month', 'point']);
  assert.deepEqual(one('Từ đầu năm 2025, nhiều mô hình được triển khai.', 'vi', null), ['2025', 'year', 'since']);
  assert.deepEqual(one('Hợp đồng ký ngày 10/03/2025.', 'vi', null), ['2025-03-10', 'day', 'point']);
});

test('Vietnamese horizons and since cues', () => {
  const ref = day('2025-03-10');
  assert.deepEqual(one('Phấn đấu đào tạo 50.000 kỹ sư đến năm 2030.', 'vi', ref), ['2030', 'year', 'deadline']);
  assert.deepEqual(one('Mục tiêu tới năm 2030 là trở thành trung tâm.', 'vi', ref), ['2030', 'year', 'deadline']);
  assert.deepEqual(one('Cần hoàn thành trước năm 2030.', 'vi', ref), ['2030', 'year', 'deadline']);
  assert.deepEqual(one('Tuyến đường sẽ hoàn thành đến cuối năm nay.', 'vi', ref), ['2025-12-31', 'day', 'deadline']);
  assert.deepEqual(one('Dự án sẽ khởi công vào năm tới.', 'vi', ref), ['2026', 'year', 'deadline']);
  assert.deepEqual(one('Hai nước hợp tác kể từ năm 1995.', 'vi', ref), ['1995', 'year', 'since']);
  assert.deepEqual(one('Hai nước hợp tác từ năm 1995.', 'vi', ref), ['1995', 'year', 'since']);
  assert.deepEqual(one('Sẽ đào tạo 1.000 kỹ sư trong 5 năm tới.', 'vi', ref), ['2030', 'year', 'deadline']);
});

test('no false dates: identifiers, ordinals, bare numbers, times, "now", years used as counts', () => {
  const ref = day('2025-03-10');
  assert.deepEqual(dates('La Résolution 57-NQ/TW, la 79e session, la 5G/6G et le Décret 13.', 'fr', ref), []);
  assert.deepEqual(dates('Nghị định 13/2023/NĐ-CP và Quyết định 1131/QĐ-TTg được ban hành.', 'vi', ref), []);
  assert.deepEqual(dates('Il est maintenant 14h30, et la Vision 2030 reste une marque.', 'fr', ref), []);
  assert.deepEqual(dates('One of them may march on now; we may cooperate.', 'en', ref), []);
  assert.deepEqual(dates("Le salon accueillera jusqu'à 2000 personnes.", 'fr', ref), []);
  assert.deepEqual(dates('La stratégie 2021-2030 est en cours.', 'fr', ref), []);
  assert.deepEqual(dates('Au cours des 20 dernières années, le pays a formé des ingénieurs.', 'fr', ref), []);
  assert.deepEqual(dates('Trong 20 năm qua, Việt Nam đã đào tạo nhiều kỹ sư.', 'vi', ref), []);
  assert.deepEqual(dates("Aujourd'hui, le ministre a signé.", 'fr', null), []);
  assert.deepEqual(dates('Ils ont effectué une mission de six mois.', 'fr', ref), []);
  assert.deepEqual(dates('The home side pressed for a second goal and played for 3 years.', 'en', ref), []);
});

test('relative expressions never get a finer precision than the reference', () => {
  assert.deepEqual(dates("Aujourd'hui, le ministre a signé.", 'fr', month('2025-03')), []);
  assert.deepEqual(one("Aujourd'hui, le ministre a signé.", 'fr', day('2025-03-10')), ['2025-03-10', 'day', 'point']);
  assert.deepEqual(one("Le centre ouvrira l'année prochaine.", 'fr', { value: '2025', precision: 'year' }), ['2026', 'year', 'deadline']);
});

function checkInvariants(text: string, list: DateMention[]): void {
  let prev = 0;
  for (const d of list) {
    assert.ok(d.start >= prev && d.end > d.start && d.end <= text.length, 'sorted, non-overlapping, inside the text');
    assert.equal(d.text, text.slice(d.start, d.end));
    assert.match(d.value, d.precision === 'year' ? /^\d{4}$/ : d.precision === 'month' ? /^\d{4}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}$/);
    prev = d.end;
  }
}

test('seed articles: invariants hold and the dated gold facts are found', () => {
  const gold = JSON.parse(readFileSync(SEEDS_GOLD, 'utf8')) as {
    documents: { file: string; lang: Lang; published: string | null; events: { date: string | null }[]; commitments: { deadline: string | null }[] }[];
  };
  for (const file of readdirSync(SEEDS)) {
    const g = gold.documents.find((d) => d.file === file);
    if (!g) continue;
    const text = readFileSync(path.join(SEEDS, file), 'utf8');
    const ref: PartialDate | null = g.published ? { value: g.published, precision: g.published.length === 10 ? 'day' : g.published.length === 7 ? 'month' : 'year' } : null;
    const found = new Set<string>();
    for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
      const list = findDates(sentence, g.lang, ref, NOW);
      checkInvariants(sentence, list);
      for (const d of list) found.add(`${d.role}:${d.value}`);
    }
    for (const c of g.commitments) if (c.deadline) assert.ok(found.has(`deadline:${c.deadline}`), `${file}: deadline ${c.deadline} in ${[...found]}`);
    // Day-precise event dates, when the publication date is known.
    for (const e of g.events) if (e.date && e.date.length === 10 && ref) assert.ok(found.has(`point:${e.date}`), `${file}: date ${e.date} in ${[...found]}`);
  }
});

test('periods end at their last year; "next January" and "tháng 3 tới" are ahead of publication', () => {
  const ref = day('2025-11-20');
  assert.deepEqual(one('cấp 100 suất học bổng trong giai đoạn 2025–2027', 'vi', ref), ['2027', 'year', 'deadline']);
  assert.deepEqual(one('mobiliser 1,5 milliard sur la période 2025-2030', 'fr', ref), ['2030', 'year', 'deadline']);
  assert.deepEqual(one('grants between 2026 and 2030', 'en', ref), ['2030', 'year', 'deadline']);
  assert.deepEqual(one('will be disbursed over the 2026-2030 period', 'en', ref), ['2030', 'year', 'deadline']);
  assert.deepEqual(one('devrait signer en janvier prochain un accord', 'fr', ref), ['2026-01', 'month', 'deadline']);
  assert.deepEqual(one('the bank will sign next January', 'en', ref), ['2026-01', 'month', 'deadline']);
  assert.deepEqual(one('hai bên sẽ ký vào tháng 3 tới', 'vi', ref), ['2026-03', 'month', 'deadline']);
  // A period long past stays in the past (background, not a horizon).
  assert.deepEqual(one('Trong những năm 1970–1980, hàng nghìn kỹ sư được đào tạo', 'vi', ref), ['1980', 'year', 'point']);
});

test('chrono pre-filter: chrono runs wherever it can find a date without digits, and not on plain sentences', async () => {
  const ref = day('2025-06-11');
  const worded: [string, Lang, string][] = [
    ['The talks were held yesterday.', 'en', '2025-06-10'],
    ['They met lastnight in Hanoi.', 'en', '2025-06-10'],
    ['The ministers met last week.', 'en', '2025-06-04'],
    ['Work began three years ago.', 'en', '2022'],
    ['It closes at the end of the month.', 'en', '2025-07-11'],
    ['La délégation est arrivée la veille.', 'fr', '2025-06-10'],
    ['Le projet a commencé il y a deux ans.', 'fr', '2023'],
    ['Le forum s\u2019est tenu la semaine dernière.', 'fr', '2025-06-04'],
    ['Les deux pays ont signé hier un accord.', 'fr', '2025-06-10'],
  ];
  for (const [text, lang, value] of worded) {
    assert.ok(chronoMayFindDates(text, lang), text);
    assert.deepEqual(findDates(text, lang, ref, NOW).map((d) => d.value), [value], text);
  }
  assert.equal(chronoMayFindDates('Les deux pays coopèrent dans la recherche.', 'fr'), false);
  assert.equal(chronoMayFindDates('Both sides agreed to cooperate on research.', 'en'), false);
  assert.equal(chronoMayFindDates('Hai nước hợp tác nghiên cứu.', 'vi'), false); // no chrono for Vietnamese
  // Every month, weekday and time unit chrono's own dictionaries know opens the gate, alone and
  // glued to a number or modifier — except the one-letter second / minute / hour units (times only).
  const chronoUrl = import.meta.resolve('chrono-node');
  for (const lang of ['en', 'fr'] as const) {
    const c = await import(new URL(`./locales/${lang}/constants.js`, chronoUrl).href);
    const words = [c.MONTH_DICTIONARY, c.WEEKDAY_DICTIONARY, c.TIME_UNIT_DICTIONARY].flatMap((d: object) => Object.keys(d));
    for (const w of words.filter((x) => !['s', 'm', 'h'].includes(x))) {
      assert.ok(chronoMayFindDates(`Ils et eux ${w} ici.`, lang), `${lang}: ${w}`);
      assert.ok(chronoMayFindDates(`Ils et eux la${w} ici.`, lang) || lang === 'en', `${lang}: la${w}`);
      assert.ok(chronoMayFindDates(`They said three${w}ago.`, lang) || lang === 'fr', `${lang}: three${w}ago`);
    }
  }
});
