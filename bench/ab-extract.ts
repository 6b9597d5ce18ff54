/**
 * In-process A/B of the text stages of two source trees (e.g. a `git archive` of the base commit
 * and the working tree), interleaved round by round on the same pre-segmented articles and timed
 * in CPU time: on a loaded shared machine, separate bench runs differ by ±50 %, this by a few %.
 *
 *   git archive BASE | tar -x -C /tmp/ab-base && ln -s "$PWD/node_modules" /tmp/ab-base/
 *   node --import tsx bench/ab-extract.ts --before /tmp/ab-base --after . --corpus DIR [--docs 1000] [--rounds 5]
 *
 * Reports per tree: extractDocument sentences/s (best and median round), tokenize() over the same
 * sentences, normalise() ms/article.
 */
import path from 'node:path';
import { jsonlLines, shardPaths } from './lib/corpus.ts';
import { need, phaseArgs } from './lib/protocol.ts';

const args = phaseArgs();
const roots = [path.resolve(need(args, 'before')), path.resolve(need(args, 'after'))];
const corpus = need(args, 'corpus');
const maxDocs = Number(args.docs ?? 1000);
const rounds = Number(args.rounds ?? 5);

// Articles are read and segmented once, by the "before" tree, so both extract the same input.
const { parseJsonLine } = await import(path.join(roots[0], 'src/ingest/json.ts'));
const { normalise } = await import(path.join(roots[0], 'src/normalise/index.ts'));
const { segment } = await import(path.join(roots[0], 'src/segment/index.ts'));
const raws: unknown[] = [];
let lineNo = 0;
for (const line of jsonlLines(shardPaths(corpus))) {
  if (raws.length >= maxDocs) break;
  const item = parseJsonLine(line.toString('utf8'), ++lineNo, 'ab.jsonl', { bytes: line.length });
  if (item?.kind === 'doc') raws.push(item.doc);
}
const docs = raws.map((r) => segment(normalise(r)));
let sentences = 0;
for (const d of docs) for (const s of d.sentences) if (!s.boilerplate && s.end > s.start) sentences++;

const trees = [];
for (const root of roots) {
  const ex = await import(path.join(root, 'src/extract/index.ts'));
  const tok = await import(path.join(root, 'src/extract/tokenize.ts'));
  const nm = await import(path.join(root, 'src/normalise/index.ts'));
  const kb = ex.loadKnowledgeBase();
  for (const d of docs.slice(0, 150)) ex.extractDocument(d, kb); // warm-up
  trees.push({ root, ex, tok, nm, kb, extract: [] as number[], tokenize: [] as number[], normalise: [] as number[] });
}
const cpuMs = (f: () => void) => {
  const c = process.cpuUsage();
  f();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
};
for (let r = 0; r < rounds; r++)
  for (const T of trees) {
    T.extract.push(cpuMs(() => { for (const d of docs) T.ex.extractDocument(d, T.kb); }));
    T.tokenize.push(cpuMs(() => { for (const d of docs) for (const s of d.sentences) if (!s.boilerplate && s.end > s.start) T.tok.tokenize(d.text, null, s.start, s.end); }));
    T.normalise.push(cpuMs(() => { for (const x of raws) T.nm.normalise(x); }));
  }
const best = (a: number[]) => Math.min(...a);
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(`${docs.length} articles, ${sentences} sentences, ${rounds} rounds (CPU time)`);
for (const T of trees)
  console.log(
    `${T.root}: extract ${Math.round((sentences / best(T.extract)) * 1000)} sentences/s best, ${Math.round((sentences / median(T.extract)) * 1000)} median; ` +
      `tokenize ${best(T.tokenize).toFixed(0)} ms best; normalise ${(best(T.normalise) / raws.length).toFixed(3)} ms/article best, ${(median(T.normalise) / raws.length).toFixed(3)} median`,
  );
