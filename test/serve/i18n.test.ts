/** The dashboard's UI dictionaries: same keys in every language, no empty labels, placeholders kept. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src/i18n');
const load = (l: string) => JSON.parse(readFileSync(path.join(DIR, `${l}.json`), 'utf8')) as Record<string, string>;

test('en, fr and vi dictionaries have the same keys and placeholders', () => {
  const en = load('en');
  for (const l of ['fr', 'vi']) {
    const d = load(l);
    assert.deepEqual(Object.keys(d).sort(), Object.keys(en).sort(), `${l} keys`);
    for (const [k, v] of Object.entries(d)) {
      assert.ok(v.trim().length > 0, `${l}.${k} is empty`);
      assert.equal(v, v.normalize('NFC'), `${l}.${k} is not NFC`);
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      assert.deepEqual(ph(v), ph(en[k]), `${l}.${k} placeholders`);
    }
  }
});

test('every key the dashboard uses exists', () => {
  const en = load('en');
  const src = path.resolve(DIR, '..');
  const files = ['App.tsx', 'components/Bits.tsx', 'components/FilterBar.tsx', 'components/States.tsx', 'pages/Overview.tsx', 'pages/Partner.tsx', 'pages/Commitments.tsx', 'pages/Search.tsx', 'pages/Reader.tsx', 'pages/NotFound.tsx'];
  for (const f of files) {
    const text = readFileSync(path.join(src, f), 'utf8');
    for (const m of text.matchAll(/\bt\('([a-zA-Z.-]+)'/g)) assert.ok(m[1] in en, `${f}: unknown key ${m[1]}`);
  }
});
