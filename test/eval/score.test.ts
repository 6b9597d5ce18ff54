/** The scorer port on its own (no Python needed): matching rules, output format, --min semantics, Python number formatting. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SEEDS_GOLD } from '../helpers.ts';
import { checkMinimums, formatJsonReport, formatReport, parsePredictions, parseScoreArgs, runScore, scoreRecords, type GoldFile } from '../../src/eval/index.ts';
import { pyFixed, pyFloat, pyFloatRepr, pyFold, pyRepr, pyRound, pyStrip } from '../../src/eval/pycompat.ts';

const gold = JSON.parse(readFileSync(SEEDS_GOLD, 'utf8')) as GoldFile;

const tiny: GoldFile = {
  documents: [
    {
      file: 'a.txt',
      partners: [['VNM', 'JPN']],
      domains: ['ai', 'space'],
      events: [{ event: 'AGREE', alt: ['COOPERATE'], actors: ['VNM'], recipients: ['JPN'] }],
      commitments: [{ deadline: '2030', quantity: 50000 }],
      must_not: { partners: [['USA', 'VNM']], facts_from_text: ['Footer Banner'] },
    },
    { file: 'b.txt', partners: [], events: [], commitments: [] },
  ],
};

test('Python number formatting: banker’s rounding on the binary value, repr of floats', () => {
  assert.equal(pyFixed(0.125, 2), '0.12'); // exact tie → even (JS toFixed gives 0.13)
  assert.equal(pyFixed(0.375, 2), '0.38');
  assert.equal(pyFixed(2.675, 2), '2.67'); // 2.675 is 2.67499999… in binary
  assert.equal(pyFixed(1, 2), '1.00');
  assert.equal(pyRound(0.6665, 3), 0.666); // 0.6665 is below the tie in binary
  assert.equal(pyRound(2 / 3, 3), 0.667);
  assert.equal(pyFloatRepr(1), '1.0');
  assert.equal(pyFloatRepr(0.1), '0.1');
  assert.equal(pyFloatRepr(1e-5), '1e-05');
  assert.equal(pyFloatRepr(1e16), '1e+16');
  assert.equal(pyFloatRepr(123.5), '123.5');
});

test('Python str semantics: repr, strip, float(), fold', () => {
  assert.equal(pyRepr(['CHN', 'VNM'], true), "('CHN', 'VNM')");
  assert.equal(pyRepr(["l'UE"]), `["l'UE"]`);
  assert.equal(pyRepr(['a\u00a0b']), "['a\\xa0b']");
  assert.equal(pyRepr([]), '[]');
  assert.equal(pyStrip('\ufeff{"a":1}\x1c '), '\ufeff{"a":1}');
  assert.equal(pyFloat(' 1_000 '), 1000);
  assert.equal(pyFloat('5e4'), 50000);
  assert.throws(() => pyFloat('abc'));
  assert.equal(pyFold('Đà Nẵng HỢP TÁC'), 'da nang hop tac');
});

test('a perfect prediction scores 1 on events, commitments and domains', () => {
  const recs: Record<string, unknown>[] = [];
  for (const d of gold.documents) {
    const id = d.file.replace(/\.txt$/, '');
    recs.push({ type: 'document', doc_id: id, source_path: `seeds/${d.file}`, domains: d.domains });
    for (const e of d.events ?? []) recs.push({ type: 'event', doc_id: id, source_path: `seeds/${d.file}`, event: e.event, actor: (e.actors as string[]).map((code) => ({ code })), recipient: (e.recipients as string[]).map((code) => ({ code })) });
    for (const c of d.commitments ?? []) recs.push({ type: 'commitment', doc_id: id, source_path: `seeds/${d.file}`, deadline: c.deadline, quantity: c.quantity });
  }
  const rep = scoreRecords(gold, recs);
  assert.equal(rep.summary.events!.f1, 1.0);
  assert.equal(rep.summary.events_parties!.f1, 1.0);
  assert.equal(rep.summary.commitments!.f1, 1.0);
  assert.equal(rep.summary.domains!.f1, 1.0);
  assert.equal(rep.summary.documents_seen, `${gold.documents.length}/${gold.documents.length}`);
  assert.equal(rep.summary.must_not_violations, 0);
  assert.match(formatReport(rep), /^F1 partners=\d\.\d\d domains=1\.00 events=1\.00 commitments=1\.00 neg_facts=0 must_not=0\n$/m);
});

test('matching rules: aliases, alternative event types, deadline year + quantity, must_not, record keys', () => {
  const recs = [
    { type: 'event', doc_id: 'a.txt', event: 'COOPERATE', actor: [{ code: 'VTN' }], recipient: ['jpn'], event_text: 'x' },
    { type: 'event', doc_id: 'a.txt', event: 'AGREE', actor: ['USA', 'VNM'], recipient: [], event_text: 'Le Footer Banner du site' },
    { type: 'commitment', source_path: 'dir/a.txt', deadline: '2030-12-31', quantity: '50000' },
    { type: 'document', doc_id: 'a.txt', domains: ['ai', 'quantum'] },
    // doc_id "b" has no extension: keyof gives ["b", "b"], so score.py lists the record twice.
    { type: 'event', doc_id: 'b', event: 'AGREE', actor: ['FRA'], recipient: ['VNM'] },
    // Gold a.txt is looked up under "a.txt" first: records filed only under "a" are not seen.
    { type: 'event', doc_id: 'a', event: 'AGREE', actor: ['VNM'], recipient: ['JPN'] },
  ];
  const rep = scoreRecords(tiny, recs);
  assert.deepEqual(rep.summary.events, { p: 0.25, r: 1.0, f1: 0.4, tp: 1, fp: 3, fn: 0 });
  assert.deepEqual(rep.summary.commitments, { p: 1.0, r: 1.0, f1: 1.0, tp: 1, fp: 0, fn: 0 });
  assert.deepEqual(rep.summary.domains, { p: 0.5, r: 0.5, f1: 0.5, tp: 1, fp: 1, fn: 1 });
  assert.equal(rep.summary.negative_doc_facts, 2); // b.txt has no facts; its event is listed twice
  assert.equal(rep.summary.must_not_violations, 2); // the USA–VNM pair and the footer text
  assert.deepEqual(rep.documents[0].partners_pred, [['JPN', 'VNM'], ['USA', 'VNM']]);
  const text = formatReport(rep);
  assert.match(text, /^a\.txt: pairs \[\('JPN', 'VNM'\), \('USA', 'VNM'\)\] vs \[\('JPN', 'VNM'\)\] \| domains \['ai', 'quantum'\] vs \['ai', 'space'\] \| events 2\/1 \| commitments 1 \| must_not 2$/m);
  assert.match(text, /^events          P=0\.25 R=1\.00 F1=0\.40  \(tp 1 fp 3 fn 0\)$/m);
  const json = formatJsonReport(rep);
  assert.match(json, /"p": 1\.0,/);
  assert.match(json, /^F1 partners=0\.50 domains=0\.50 events=0\.40 commitments=1\.00 neg_facts=2 must_not=2\n$/m);
});

test('--min: metric defaults to f1, fields and counts, unknown metric fails', () => {
  const rep = scoreRecords(tiny, [{ type: 'commitment', doc_id: 'a.txt', deadline: 2030, quantity: 50000 }]);
  assert.equal(checkMinimums(rep, { commitments: 1 }), true);
  assert.equal(checkMinimums(rep, { 'commitments.p': 1, 'events.fn': 1 }), true);
  assert.equal(checkMinimums(rep, { events: 0.1 }), false);
  assert.equal(checkMinimums(rep, { nothing: 0 }), false);
  assert.equal(checkMinimums(rep, { must_not_violations: 0 }), true);
  assert.throws(() => checkMinimums(rep, { documents_seen: 1 }));
  const a = parseScoreArgs(['g.json', 'p.jsonl', '--min', 'partners=0.5', 'events.p=0.2', '--json']);
  assert.deepEqual([...a.mins], [['partners', 0.5], ['events.p', 0.2]]);
  assert.equal(a.json, true);
  assert.equal(a.predictions, 'p.jsonl');
});

test('prediction lines: only stripped lines starting with "{" are read', () => {
  const recs = parsePredictions('{"type":"event"}\r\n\n  # note\n[1]\n  {"type":"document"}  \r\ufeff{"x":1}\n');
  assert.deepEqual(recs, [{ type: 'event' }, { type: 'document' }]);
});

test('runScore returns score.py’s text and exit status', () => {
  const files: Record<string, string> = { 'g.json': JSON.stringify(tiny), 'p.jsonl': '{"type":"commitment","doc_id":"a.txt","deadline":"2030","quantity":50000}\n' };
  const ok = runScore(['g.json', 'p.jsonl', '--min', 'commitments=1'], (p) => files[p]);
  assert.equal(ok.code, 0);
  assert.match(ok.stdout, /commitments=1\.00/);
  const bad = runScore(['g.json', 'p.jsonl', '--min', 'partners=0.5'], (p) => files[p]);
  assert.equal(bad.code, 1);
});
