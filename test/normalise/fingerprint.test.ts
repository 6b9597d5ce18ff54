import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectBoilerplate } from '../../src/normalise/boilerplate.ts';
import { contentHash, estimateSimilarity, lshBands, minhashSignature } from '../../src/normalise/fingerprint.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/corpus/seeds');
const seeds = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(path.join(seedsDir, f), 'utf8'));

const sig = (text: string) => minhashSignature(text, detectBoilerplate(text, 'fr', []));

/** Replace the n-th word (counting from the middle of the text) — a "small edit". */
function editWords(text: string, count: number): string {
  const words = text.split(' ');
  for (let i = 0; i < count; i++) {
    const at = Math.floor(words.length / 3) + i * 37;
    words[at] = 'modifié';
  }
  return words.join(' ');
}

test('contentHash ignores boilerplate, case, diacritics and spacing', () => {
  const body = 'Le Vietnam et la France renforcent leur coopération scientifique.\n\nUn accord a été signé à Hanoï.';
  const a = `${body}\n\nPhoto : VNA\n`;
  const b = `  le vietnam et la france   renforcent leur cooperation scientifique.\nUn accord a ete signe a Hanoi.\n\nPhoto: AFP\n`;
  assert.equal(contentHash(a, detectBoilerplate(a, 'fr', [])), contentHash(b, detectBoilerplate(b, 'fr', [])));
  assert.match(contentHash(a, []), /^[0-9a-f]{64}$/);
  assert.notEqual(contentHash(a, []), contentHash(a.replace('France', 'Allemagne'), []));
});

test('the same article with different teasers is an exact duplicate', () => {
  const text = seeds[3];
  const cut = text.indexOf('\nVoir plus');
  assert.ok(cut > 0);
  const other = text.slice(0, cut) + '\nVoir plus\n\nUn tout autre titre de la rubrique.\n\nEncore un autre titre.\n';
  assert.equal(contentHash(text, detectBoilerplate(text, 'fr', [])), contentHash(other, detectBoilerplate(other, 'fr', [])));
});

test('near-duplicates estimate ≥ 0.9; different stories < 0.5', () => {
  for (const text of [seeds[0], seeds[2]]) {
    const edited = editWords(text, 3).replace(/\n\n/, '\n\nUne phrase ajoutée par la rédaction pour compléter le propos.\n\n');
    const s = estimateSimilarity(sig(text), sig(edited));
    assert.ok(s >= 0.9, `near-duplicate similarity ${s}`);
  }
  for (let i = 0; i < seeds.length; i++) {
    for (let j = i + 1; j < seeds.length; j++) {
      const s = estimateSimilarity(sig(seeds[i]), sig(seeds[j]));
      assert.ok(s < 0.5, `seeds ${i} and ${j}: ${s}`);
    }
  }
});

test('signatures are deterministic and sized by numPerm', () => {
  const a = minhashSignature(seeds[1], []);
  const b = minhashSignature(seeds[1], []);
  assert.ok(a instanceof Uint32Array);
  assert.equal(a.length, 128);
  assert.deepEqual(a, b);
  assert.equal(minhashSignature(seeds[1], [], 64).length, 64);
  assert.equal(estimateSimilarity(a, b), 1);
});

test('short documents still get a signature', () => {
  const a = minhashSignature('Accord signé', []);
  assert.ok(a.some((v) => v !== 0xffffffff));
  assert.equal(estimateSimilarity(a, minhashSignature('accord signe', [])), 1);
  assert.ok(estimateSimilarity(a, minhashSignature('Tout autre chose', [])) < 0.5);
  // An empty document has an all-empty signature; comparing with nothing gives 0.
  assert.equal(estimateSimilarity(new Uint32Array(0), a), 0);
});

test('lshBands: 32 bands, equal for equal signatures, shared bands for near-duplicates', () => {
  const a = sig(seeds[0]);
  const bandsA = lshBands(a);
  assert.equal(bandsA.length, 32);
  assert.ok(bandsA.every((h) => Number.isInteger(h) && h >= 0 && h <= 0xffffffff));
  assert.deepEqual(lshBands(a), bandsA);
  const near = lshBands(sig(editWords(seeds[0], 2)));
  assert.ok(near.some((h, i) => h === bandsA[i]), 'near-duplicates share a band');
  const far = lshBands(sig(seeds[1]));
  assert.ok(!far.some((h, i) => h === bandsA[i]), 'different stories share no band');
  assert.equal(lshBands(a, 16).length, 16);
  assert.deepEqual(lshBands(new Uint32Array(0)), []);
});
