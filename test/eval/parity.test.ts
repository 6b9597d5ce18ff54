/**
 * Parity of the TypeScript scorer with the reference /work/shared/eval/score.py: random prediction
 * files (seeded, so failures reproduce) are scored by both, in text and --json mode with --min
 * thresholds, and stdout and exit status must be identical. Also checks the Python number
 * semantics (round(x, 3), f"{x:.2f}", repr(float)) on many values. Skipped without python3.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, SEEDS_GOLD, SHARED, tempDir } from '../helpers.ts';
import { runScore } from '../../src/eval/index.ts';
import { pyFixed, pyFloatRepr, pyRound } from '../../src/eval/pycompat.ts';
import { mulberry32 } from '../../src/util/mulberry32.ts';

const SCORE_PY = path.join(SHARED, 'eval/score.py');
const hasPython = spawnSync('python3', ['--version']).status === 0 && existsSync(SCORE_PY);
const skip = hasPython ? false : 'python3 or score.py not available';


interface Gold {
  documents: {
    file: string;
    domains?: string[];
    events?: { evidence?: string; event: string; alt?: string[]; actors?: string[]; recipients?: string[] }[];
    commitments?: { evidence?: string; deadline?: string | null; quantity?: number | null }[];
    must_not?: { facts_from_text?: string[] };
  }[];
}

/** A random prediction file aimed at a gold file: right and wrong ids, codes, types, texts and values. */
function randomPredictions(gold: Gold, seed: number): string {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const some = <T>(xs: readonly T[], max: number): T[] => Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(xs));
  const files = gold.documents.map((d) => d.file);
  const stems = files.map((f) => f.replace(/\.[^.]*$/, ''));
  const ids = [...files, ...stems, ...files.map((f) => `some/dir/${f}`), 'unknown.txt', 'x.tar.gz', '.hidden', '', 7];
  const codes = ['CHN', 'VNM', 'VTN', 'vnm', 'ASEAN', 'ASN', 'EU', 'EEC', 'IGOEUREEC', 'USA', 'JAP', 'JPN', 'FRA', 'KOR', 'LAO', 'CZE', 'UN', 'IGOUNO', '', 'Đức', 'çà'];
  const events = ['AGREE', 'CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'REQUEST', 'MOBILIZE', 'agree', null];
  const domains = [...new Set(gold.documents.flatMap((d) => d.domains ?? [])), 'space', 'quantum', 'other'];
  const texts: string[] = [];
  for (const d of gold.documents) {
    for (const e of d.events ?? []) if (e.evidence) texts.push(e.evidence);
    for (const c of d.commitments ?? []) if (c.evidence) texts.push(c.evidence);
    for (const f of d.must_not?.facts_from_text ?? []) texts.push(f, f.toUpperCase(), `Xin chào. ${f} và thêm nữa`, f.normalize('NFD'));
  }
  texts.push('', 'Đà Nẵng hợp tác', 'emoji 🚀 text', 'e\u0301\u0323 combining', 'x'.repeat(90));
  const party = () =>
    pick([() => ({ code: pick(codes) }), () => pick(codes), () => ({ code: null }), () => ({}), () => ({ code: pick(codes), name: 'n' })])();
  const parties = () => pick([() => some([0], 3).map(party), () => null, () => [], () => 'VNM', () => [[pick(codes)]]])();
  const lines: string[] = [];
  const n = 5 + Math.floor(r() * 40);
  for (let i = 0; i < n; i++) {
    if (r() < 0.4) {
      // A record copied from the gold (sometimes slightly wrong), so that matches happen too.
      const gi = Math.floor(r() * gold.documents.length);
      const d = gold.documents[gi];
      const id = pick([d.file, stems[gi], `a/${d.file}`]);
      const ge = (d.events ?? [])[Math.floor(r() * (d.events?.length ?? 0))];
      const gc = (d.commitments ?? [])[Math.floor(r() * (d.commitments?.length ?? 0))];
      const k = r();
      if (ge && k < 0.5) {
        lines.push(JSON.stringify({ type: 'event', doc_id: id, event: r() < 0.8 ? pick([ge.event, ...(ge.alt ?? [])]) : pick(events), actor: (ge.actors ?? []).map((c) => (r() < 0.5 ? { code: c } : c)), recipient: r() < 0.9 ? ge.recipients ?? [] : [pick(codes)], event_text: r() < 0.3 ? pick(texts) : ge.evidence }));
      } else if (gc && k < 0.8) {
        lines.push(JSON.stringify({ type: 'commitment', source_path: `x/${d.file}`, deadline: gc.deadline ?? null, quantity: r() < 0.5 ? gc.quantity ?? null : String(gc.quantity ?? ''), event_text: gc.evidence }));
      } else {
        lines.push(JSON.stringify({ type: 'document', doc_id: id, domains: (d.domains ?? []).filter(() => r() < 0.7) }));
      }
      continue;
    }
    const rec: Record<string, unknown> = {};
    const type = pick(['event', 'event', 'event', 'commitment', 'commitment', 'document', 'policy', 'entity', null, 'EVENT', undefined]);
    if (type !== undefined) rec.type = type;
    if (r() < 0.9) rec.doc_id = pick(ids);
    if (r() < 0.5) rec.source_path = pick([...ids, null, '']);
    if (type === 'event' || type === 'EVENT' || r() < 0.1) {
      rec.event = pick(events);
      if (r() < 0.95) rec.actor = parties();
      if (r() < 0.8) rec.recipient = parties();
    }
    if (type === 'commitment' || r() < 0.05) {
      rec.deadline = pick(['2030', '2025-12-31', 2030, 2030.5, null, '', 0, true, '20', '2025', 1e21]);
      rec.quantity = pick([50000, '50000', '5e4', ' 7 ', null, '', 1.5, 0, false, '1_000', 'inf', 50000.0, -3]);
    }
    if (type === 'document' || r() < 0.05) rec.domains = pick([() => some(domains, 4), () => null, () => 'ai', () => []])();
    if (r() < 0.7) rec.event_text = pick(texts);
    lines.push(JSON.stringify(rec));
    if (r() < 0.08) lines.push(pick(['', '   ', '# comment', '[1, 2]', '  ' + JSON.stringify({ type: 'event', doc_id: pick(ids), actor: ['CHN'], recipient: ['VNM'], event: 'AGREE' })]));
  }
  return lines.join(pick(['\n', '\r\n'])) + '\n';
}

const MIN_SETS = [
  [],
  ['--min', 'partners=0.3', 'events.p=0.2'],
  ['--min', 'negative_doc_facts=0', 'must_not_violations=1', 'domains.tp=2', 'commitments=0.5'],
  ['--min', 'unknown=0.1'],
  ['--min', 'events_parties.f1=0', '--json'],
];

/**
 * Run score.py once per argument list, all in one Python process (interpreter start-up dominates
 * otherwise): each run gets its own sys.argv, captured stdout and SystemExit status.
 */
function python(argLists: string[][], dir: string): { stdout: string; code: number }[] {
  const jobs = path.join(dir, 'jobs.json');
  writeFileSync(jobs, JSON.stringify(argLists));
  const script = [
    'import io, json, runpy, sys, contextlib',
    'out = []',
    'jobs, score = sys.argv[1], sys.argv[2]',
    'for args in json.load(open(jobs)):',
    '    sys.argv = [score] + args',
    '    buf = io.StringIO(); code = 0',
    '    try:',
    '        with contextlib.redirect_stdout(buf):',
    '            runpy.run_path(sys.argv[0], run_name="__main__")',
    '    except SystemExit as e:',
    '        code = e.code if isinstance(e.code, int) else 1',
    '    except Exception:',
    '        code = 1',
    '    out.append({"stdout": buf.getvalue(), "code": code})',
    'print(json.dumps(out))',
  ].join('\n');
  const p = spawnSync('python3', ['-c', script, jobs, SCORE_PY], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(p.status, 0, p.stderr);
  return JSON.parse(p.stdout) as { stdout: string; code: number }[];
}

test('scorer output and exit status match score.py on random predictions', { skip }, () => {
  const { dir, cleanup } = tempDir('coopwatch-eval-');
  try {
    const goldFiles = [SEEDS_GOLD, ...['en', 'fr', 'vi'].map((l) => path.join(REPO, `testset/${l}.gold.json`)).filter(existsSync)];
    const argLists: string[][] = [];
    // COOPWATCH_PARITY_SEEDS=500 runs a deeper check by hand; 16 keeps the suite fast.
    const seeds = Number(process.env.COOPWATCH_PARITY_SEEDS ?? 16);
    for (let seed = 1; seed <= seeds; seed++) {
      const goldPath = goldFiles[seed % goldFiles.length];
      const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as Gold;
      const predPath = path.join(dir, `pred${seed}.jsonl`);
      writeFileSync(predPath, randomPredictions(gold, seed));
      for (const mode of [[], ['--json']]) argLists.push([goldPath, predPath, ...mode, ...MIN_SETS[seed % MIN_SETS.length]]);
    }
    // A --min on the non-numeric documents_seen makes score.py fail after printing the report.
    argLists.push([SEEDS_GOLD, path.join(dir, 'pred1.jsonl'), '--min', 'documents_seen=1']);
    const want = python(argLists, dir);
    let matched = 0;
    argLists.forEach((args, i) => {
      const ts = runScore(args);
      assert.equal(ts.stdout, want[i].stdout, `stdout differs for ${args.slice(1).join(' ')}`);
      assert.equal(ts.code, want[i].code, `exit status differs for ${args.slice(1).join(' ')}`);
      if (/tp [1-9]/.test(ts.stdout) || /"tp": [1-9]/.test(ts.stdout)) matched++;
    });
    assert.equal(want[want.length - 1].code, 1);
    // The random files must exercise matches, not only misses.
    assert.ok(matched > argLists.length / 2, `only ${matched} runs had any true positive`);
  } finally {
    cleanup();
  }
});

test('round(x, 3), format(x, ".2f") and repr(x) match Python', { skip }, () => {
  const r = mulberry32(12345);
  const xs: number[] = [0, 1, 0.5, 0.125, 0.375, 0.625, 0.875, 0.0005, 0.0015, 0.0025, 2.675, 1e-5, 1.5e-7, 1e16, 123456789012345680000, 1 / 3, 2 / 3];
  for (let i = 0; i < 400; i++) xs.push(r(), Math.round(r() * 1000) / 1000 + 0.0005, Math.floor(r() * 64) / 64, r() * 1e-3, r() * 1e6);
  for (let tp = 0; tp < 12; tp++) for (let fp = 0; fp < 12; fp++) if (tp + fp) xs.push(tp / (tp + fp));
  const { dir, cleanup } = tempDir('coopwatch-eval-');
  try {
    const input = path.join(dir, 'xs.json');
    writeFileSync(input, JSON.stringify(xs.map((x) => x.toString())));
    const script = 'import json,sys\nxs=[float(s) for s in json.load(open(sys.argv[1]))]\nprint(json.dumps([[repr(round(x,3)), format(x,".2f"), repr(x)] for x in xs]))';
    const p = spawnSync('python3', ['-c', script, input], { encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    const want = JSON.parse(p.stdout) as [string, string, string][];
    xs.forEach((x, i) => {
      assert.equal(pyFloatRepr(pyRound(x, 3)), want[i][0], `round(${x}, 3)`);
      assert.equal(pyFixed(x, 2), want[i][1], `format(${x}, '.2f')`);
      assert.equal(pyFloatRepr(x), want[i][2], `repr(${x})`);
    });
  } finally {
    cleanup();
  }
});
