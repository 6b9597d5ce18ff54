import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lang } from '../../src/types.ts';
import { parseDateline, parseLabelledDate, parsePublished } from '../../src/normalise/published.ts';

const day = (value: string) => ({ value, precision: 'day' });
const month = (value: string) => ({ value, precision: 'month' });
const year = (value: string) => ({ value, precision: 'year' });

const TABLE: Array<[string | null, Lang, object | null]> = [
  // ISO 8601
  ['2025-03-10', 'fr', day('2025-03-10')],
  ['2025-03-10T08:00:00+07:00', 'en', day('2025-03-10')],
  ['2025-03-10T23:30:00.000Z', 'en', day('2025-03-10')], // local date as written, no tz shift
  ['2025-03-10 08:00', 'vi', day('2025-03-10')],
  ['2024-09', 'fr', month('2024-09')],
  ['2024', 'fr', year('2024')],
  ['20250310', 'fr', day('2025-03-10')],
  // numeric, day first
  ['10/03/2025', 'fr', day('2025-03-10')],
  ['10-03-2025', 'vi', day('2025-03-10')],
  ['10.03.2025', 'fr', day('2025-03-10')],
  ['1/3/2025', 'vi', day('2025-03-01')],
  ['03/25/2025', 'en', day('2025-03-25')], // day-first impossible → month first
  ['2025/03/10', 'en', day('2025-03-10')],
  ['09/2024', 'fr', month('2024-09')],
  // RFC 822
  ['Tue, 10 Mar 2025 08:00:00 +0700', 'en', day('2025-03-10')],
  ['Mon, 03 Feb 2025 10:00:00 GMT', 'fr', day('2025-02-03')],
  // textual
  ['10 mars 2025', 'fr', day('2025-03-10')],
  ['1er août 2024', 'fr', day('2024-08-01')],
  ['Publié le 10 févr. 2025 à 08h30', 'fr', day('2025-02-10')],
  ['mars 2025', 'fr', month('2025-03')],
  ['March 10, 2025', 'en', day('2025-03-10')],
  ['the 5th of September 2024', 'en', day('2024-09-05')],
  ['Sept. 5, 2024', 'en', day('2024-09-05')],
  ['ngày 10 tháng 3 năm 2025', 'vi', day('2025-03-10')],
  ['Thứ Hai, ngày 10 tháng 3 năm 2025 lúc 08:00', 'vi', day('2025-03-10')],
  ['Thứ Năm, 13/3/2025, 08:00 (GMT+7)', 'vi', day('2025-03-13')],
  ['tháng 9/2024', 'vi', month('2024-09')],
  ['tháng 9 năm 2024', 'vi', month('2024-09')],
  // rejected
  ['31/02/2025', 'fr', null],
  ['2025-02-29', 'fr', null],
  ['2025-13-01', 'fr', null],
  ['32/01/2025', 'fr', null],
  ['10 mars', 'fr', null], // no year: never guessed
  ['hier', 'fr', null],
  ['', 'fr', null],
  [null, 'fr', null],
];

test('parsePublished table', () => {
  for (const [raw, lang, want] of TABLE) {
    assert.deepEqual(parsePublished(raw, lang), want, `${JSON.stringify(raw)} (${lang})`);
  }
});

test('leap day', () => {
  assert.deepEqual(parsePublished('29/02/2024', 'fr'), day('2024-02-29'));
  assert.equal(parsePublished('29/02/2023', 'fr'), null);
});

test('parseDateline accepts standalone datelines only', () => {
  assert.deepEqual(parseDateline('10/03/2025', 'fr'), day('2025-03-10'));
  assert.deepEqual(parseDateline('Hà Nội, 10/3/2025', 'vi'), day('2025-03-10'));
  assert.deepEqual(parseDateline('Nom du Journal 10/03/2025', 'fr'), day('2025-03-10'));
  assert.deepEqual(parseDateline('Le 10 mars 2025', 'fr'), day('2025-03-10'));
  assert.deepEqual(parseDateline('Thứ Hai, 10/3/2025 08:00', 'vi'), day('2025-03-10'));
  // sentences and titles that merely contain a date
  assert.equal(parseDateline('Les deux pays ont signé un accord de coopération le 10 mars 2025.', 'fr'), null);
  assert.equal(parseDateline('Accord signé 10/03/2025 à Hanoi entre les deux pays', 'fr'), null);
  assert.equal(parseDateline('Le vice-Premier ministre a reçu lundi 29 mai le ministre', 'fr'), null);
  assert.equal(parseDateline('2025', 'fr'), null); // a bare year is not a dateline
});

test('parseLabelledDate reads an explicit metadata label at the line start', () => {
  assert.deepEqual(parseLabelledDate(' date 2024-09 Un titre suit ici', 'fr'), month('2024-09'));
  assert.deepEqual(parseLabelledDate('Date: 10/03/2025', 'en'), day('2025-03-10'));
  assert.deepEqual(parseLabelledDate('Ngày đăng: 10/03/2025', 'vi'), day('2025-03-10'));
  assert.equal(parseLabelledDate('Le 10/03/2025, le ministre a signé', 'fr'), null); // "le" is not a label
  assert.equal(parseLabelledDate('Dates importantes du projet', 'fr'), null);
});
