/**
 * Scores Coopwatch output records against a coopwatch-gold/1 file: an exact TypeScript port of
 * the reference scorer /work/shared/eval/score.py (same matching, same greedy event pairing, same
 * rounding to 3 decimals, same per-document rows, same text and --json output, same --min rule).
 *
 * Records are matched to gold documents by doc_id or by the basename of source_path, with or
 * without extension. Metrics are micro-averaged over documents. Partner pairs come from events:
 * actor × recipient when an event has recipients, otherwise every pair among its actors.
 *
 * Python semantics that matter for exactness (truthiness, str(), float(), code-point ordering,
 * banker's rounding of binary floats, repr() in the text output) live in pycompat.ts. Inputs on
 * which score.py raises (e.g. a list where a string is expected) make these functions throw.
 */
import {
  cpCompare,
  isDict,
  pyCompare,
  pyFixed,
  pyFloat,
  pyFold,
  pyHashKey,
  pyHead,
  pyIter,
  pyJsonDumps,
  pyRepr,
  pyRound,
  pySorted,
  pyStr,
  pyTruthy,
  PyTypeError,
} from './pycompat.ts';

// ---------------------------------------------------------------------------------------------
// Types

export interface GoldEvent {
  event: string;
  alt?: string[];
  actors?: unknown;
  recipients?: unknown;
  [k: string]: unknown;
}

export interface GoldCommitment {
  deadline?: unknown;
  quantity?: unknown;
  [k: string]: unknown;
}

export interface GoldDocument {
  file: string;
  partners?: unknown[];
  domains?: unknown[];
  events?: GoldEvent[];
  commitments?: GoldCommitment[];
  must_not?: { partners?: unknown[]; facts_from_text?: string[]; [k: string]: unknown };
  [k: string]: unknown;
}

export interface GoldFile {
  format?: string;
  documents: GoldDocument[];
  [k: string]: unknown;
}

export interface Metric {
  p: number;
  r: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export const METRICS = ['partners', 'domains', 'events', 'events_parties', 'commitments'] as const;
export type MetricName = (typeof METRICS)[number];

/** score.py's `res`: the five metrics (absent only when the gold file has no documents), then the counts. */
export type ScoreSummary = Partial<Record<MetricName, Metric>> & {
  documents_seen: string;
  negative_doc_facts: number;
  must_not_violations: number;
};

/** A partner pair as a sorted tuple of codes (null where score.py would have None). */
export type Pair = (string | null)[];

export interface DocumentRow {
  file: string;
  partners_pred: Pair[];
  partners_gold: Pair[];
  domains_pred: unknown[];
  domains_gold: unknown[];
  events: number;
  events_gold: number;
  commitments: number;
  must_not: number;
}

/** Same shape as `score.py --json`. */
export interface ScoreReport {
  summary: ScoreSummary;
  documents: DocumentRow[];
}

type Rec = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// score.py's helpers

const ALIASES = new Map<string, string>([
  ['EEC', 'EU'],
  ['EC', 'EU'],
  ['EUR', 'EU'],
  ['IGOEUREEC', 'EU'],
  ['IGOSEAASN', 'ASEAN'],
  ['ASN', 'ASEAN'],
  ['IGOUNO', 'UN'],
  ['UNO', 'UN'],
  ['JAP', 'JPN'],
  ['ROM', 'ROU'],
  ['VTN', 'VNM'],
]);

/** dict.get(key, default): the default only when the key is absent (a JSON null stays None). */
function get(o: unknown, key: string, dflt: unknown): unknown {
  if (!isDict(o)) throw new PyTypeError(`'${typeof o}' object has no attribute 'get'`);
  return Object.hasOwn(o, key) ? o[key] : dflt;
}

function normCode(c: unknown): string | null {
  if (!pyTruthy(c)) return null;
  const s = pyStr(c).toUpperCase();
  return ALIASES.get(s) ?? s;
}

function codes(ents: unknown): Set<string> {
  const out = new Set<string>();
  for (const e of pyTruthy(ents) ? pyIter(ents) : []) {
    const c = normCode(isDict(e) ? get(e, 'code', null) : e);
    if (c) out.add(c);
  }
  return out;
}

/** A set of tuples, keyed by their JSON form. */
class PairSet {
  readonly map = new Map<string, Pair>();
  add(p: Pair): void {
    this.map.set(JSON.stringify(p), p);
  }
  has(p: Pair): boolean {
    return this.map.has(JSON.stringify(p));
  }
  get size(): number {
    return this.map.size;
  }
  values(): Pair[] {
    return [...this.map.values()];
  }
  union(o: PairSet): void {
    for (const p of o.map.values()) this.add(p);
  }
  countIn(o: PairSet): number {
    let n = 0;
    for (const k of this.map.keys()) if (o.map.has(k)) n++;
    return n;
  }
}

const sortedPair = (a: string, b: string): Pair => (cpCompare(a, b) <= 0 ? [a, b] : [b, a]);

function eventPairs(actors: Set<string>, recipients: Set<string>): PairSet {
  const out = new PairSet();
  if (recipients.size > 0) {
    for (const a of actors) for (const r of recipients) if (a !== r) out.add(sortedPair(a, r));
    return out;
  }
  const cs = [...actors].sort(cpCompare);
  for (let i = 0; i < cs.length; i++) for (let j = i + 1; j < cs.length; j++) out.add([cs[i], cs[j]]);
  return out;
}

function goldPairs(pairs: unknown): PairSet {
  const out = new PairSet();
  for (const pair of pyIter(pairs)) out.add(pySorted(pyIter(pair).map(normCode)));
  return out;
}

/** os.path.basename(str(name)) and its os.path.splitext root. */
function keyOf(name: unknown): [string, string] {
  const s = pyStr(name);
  const b = s.slice(s.lastIndexOf('/') + 1);
  const dot = b.lastIndexOf('.');
  // splitext: a dot preceded only by dots (".bashrc", "..") starts no extension.
  if (dot <= 0 || /^\.+$/.test(b.slice(0, dot))) return [b, b];
  return [b, b.slice(0, dot)];
}

function prf(tp: number, fp: number, fn: number): Metric {
  const p = tp + fp ? tp / (tp + fp) : fn === 0 ? 1.0 : 0.0;
  const r = tp + fn ? tp / (tp + fn) : 1.0;
  const f = p + r ? (2 * p * r) / (p + r) : 0.0;
  return { p: pyRound(p, 3), r: pyRound(r, 3), f1: pyRound(f, 3), tp, fp, fn };
}

/** A value set with Python equality (1 == 1.0 == True), keeping first-seen originals. */
function pySet(items: Iterable<unknown>): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const x of items) {
    const k = pyHashKey(x);
    if (!m.has(k)) m.set(k, x);
  }
  return m;
}

function ckey(c: unknown): [string | null, number | null] {
  const d = get(c, 'deadline', null);
  const q = get(c, 'quantity', null);
  return [pyTruthy(d) ? pyHead(pyStr(d), 4) : null, q === null || q === '' ? null : pyFloat(q)];
}

function foldText(v: unknown): string {
  if (typeof v !== 'string') throw new PyTypeError(`normalize() argument 2 must be str, not ${typeof v}`);
  return pyFold(v);
}

// ---------------------------------------------------------------------------------------------
// Scoring

/** Score output records (already parsed JSON objects, in file order) against a gold file. */
export function scoreRecords(gold: GoldFile, records: Iterable<Rec>): ScoreReport {
  // preds[key][type] → records, exactly as score.py builds it (a record may be listed twice under one key).
  const preds = new Map<string, Map<string, Rec[]>>();
  for (const r of records) {
    const ids: string[] = [];
    if (get(r, 'doc_id', null) !== null) ids.push(...keyOf(r.doc_id));
    if (pyTruthy(get(r, 'source_path', null))) ids.push(...keyOf(r.source_path));
    const typeKey = pyHashKey(get(r, 'type', null));
    for (const k of ids) {
      let byType = preds.get(k);
      if (!byType) preds.set(k, (byType = new Map()));
      let list = byType.get(typeKey);
      if (!list) byType.set(typeKey, (list = []));
      list.push(r);
    }
  }

  const tot = new Map<MetricName, [number, number, number]>();
  const add = (k: MetricName, tp: number, fp: number, fn: number) => {
    const t = tot.get(k) ?? [0, 0, 0];
    t[0] += tp;
    t[1] += fp;
    t[2] += fn;
    tot.set(k, t);
  };
  const perDoc: DocumentRow[] = [];
  let violations = 0;
  let negFacts = 0;
  let seenDocs = 0;
  const docs = get(gold, 'documents', undefined);
  for (const g of pyIter(docs) as GoldDocument[]) {
    let P: Map<string, Rec[]> | undefined;
    for (const k of keyOf(get(g, 'file', undefined))) {
      P = preds.get(k);
      if (P) break;
    }
    if (P) seenDocs++;
    const of = (type: string) => P?.get(pyHashKey(type)) ?? [];
    const events = of('event');
    const comms = of('commitment');
    const docRecs = of('document');

    // partners
    const pp = new PairSet();
    for (const e of events) pp.union(eventPairs(codes(get(e, 'actor', null)), codes(get(e, 'recipient', null))));
    const gp = goldPairs(get(g, 'partners', []));
    const ppInGp = pp.countIn(gp);
    add('partners', ppInGp, pp.size - ppInGp, gp.size - gp.countIn(pp));

    // domains: of the first document record
    const pdRaw = docRecs.length ? get(docRecs[0], 'domains', null) : null;
    const pd = pySet(pyTruthy(pdRaw) ? pyIter(pdRaw) : []);
    const gd = pySet(pyIter(get(g, 'domains', [])));
    let dBoth = 0;
    for (const k of pd.keys()) if (gd.has(k)) dBoth++;
    add('domains', dBoth, pd.size - dBoth, gd.size - dBoth);

    // events: type (or an alternative) and the same set of parties; greedy, in record order
    const goldEv = [...pyIter(get(g, 'events', []))];
    const goldParties = goldEv.map((ge) => {
      const s = codes(get(ge, 'actors', null));
      for (const c of codes(get(ge, 'recipients', null))) s.add(c);
      return s;
    });
    const predParties = events.map((e) => {
      const s = codes(get(e, 'actor', null));
      for (const c of codes(get(e, 'recipient', null))) s.add(c);
      return s;
    });
    const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
    let used = new Set<number>();
    let tp = 0;
    events.forEach((e, ei) => {
      const ev = get(e, 'event', null);
      for (let gi = 0; gi < goldEv.length; gi++) {
        if (used.has(gi)) continue;
        const ge = goldEv[gi];
        const types = pySet([get(ge, 'event', undefined), ...pyIter(get(ge, 'alt', []))]);
        if (types.has(pyHashKey(ev)) && sameSet(predParties[ei], goldParties[gi])) {
          used.add(gi);
          tp++;
          break;
        }
      }
    });
    add('events', tp, events.length - tp, goldEv.length - tp);

    // loose events: parties only
    used = new Set<number>();
    tp = 0;
    events.forEach((_e, ei) => {
      for (let gi = 0; gi < goldEv.length; gi++) {
        if (used.has(gi)) continue;
        if (sameSet(predParties[ei], goldParties[gi])) {
          used.add(gi);
          tp++;
          break;
        }
      }
    });
    add('events_parties', tp, events.length - tp, goldEv.length - tp);

    // commitments: deadline year + quantity
    // (keys are computed lazily, pair by pair, as score.py does: a bad quantity only fails when compared)
    const goldC = [...pyIter(get(g, 'commitments', []))];
    used = new Set<number>();
    tp = 0;
    for (const c of comms) {
      for (let gi = 0; gi < goldC.length; gi++) {
        if (used.has(gi)) continue;
        const [cd, cq] = ckey(c);
        const [gd2, gq] = ckey(goldC[gi]);
        if (cd === gd2 && cq === gq) {
          used.add(gi);
          tp++;
          break;
        }
      }
    }
    add('commitments', tp, comms.length - tp, goldC.length - tp);

    // negatives and must_not
    if (!pyTruthy(get(g, 'partners', null)) && !pyTruthy(get(g, 'events', null)) && !pyTruthy(get(g, 'commitments', null))) {
      negFacts += events.length + comms.length;
    }
    const mn = get(g, 'must_not', {});
    const badPairs = goldPairs(get(mn, 'partners', []));
    let v = pp.countIn(badPairs);
    const frags = pyIter(get(mn, 'facts_from_text', [])).map(foldText);
    for (const r of [...events, ...comms, ...of('policy')]) {
      const et = get(r, 'event_text', null);
      const txt = foldText(pyTruthy(et) ? et : '');
      if (txt && frags.some((f) => txt.includes(pyHead(f, 40)) || f.includes(pyHead(txt, 40)))) v++;
    }
    violations += v;
    perDoc.push({
      file: get(g, 'file', undefined) as string,
      partners_pred: pySorted(pp.values()),
      partners_gold: pySorted(gp.values()),
      domains_pred: pySorted(pd.values()),
      domains_gold: pySorted(gd.values()),
      events: events.length,
      events_gold: goldEv.length,
      commitments: comms.length,
      must_not: v,
    });
  }

  const summary = {} as ScoreSummary;
  for (const [k, [tp, fp, fn]] of tot) summary[k] = prf(tp, fp, fn);
  summary.documents_seen = `${seenDocs}/${pyIter(docs).length}`;
  summary.negative_doc_facts = negFacts;
  summary.must_not_violations = violations;
  return { summary, documents: perDoc };
}

// ---------------------------------------------------------------------------------------------
// Output, as score.py prints it

function metric(report: ScoreReport, k: MetricName): Metric {
  const m = report.summary[k];
  if (!m) throw new Error(`KeyError: '${k}'`);
  return m;
}

const pairsRepr = (pairs: Pair[]) => `[${pairs.map((p) => pyRepr(p, true)).join(', ')}]`;

/** The final line score.py prints in every mode. */
export function f1Line(report: ScoreReport): string {
  const line = (['partners', 'domains', 'events', 'commitments'] as const).map((k) => `${k}=${pyFixed(metric(report, k).f1, 2)}`).join(' ');
  return `F1 ${line} neg_facts=${report.summary.negative_doc_facts} must_not=${report.summary.must_not_violations}`;
}

/** The lines score.py prints before the F1 line in text mode, one at a time (it may fail midway, like score.py). */
export function* textLines(report: ScoreReport): Generator<string> {
  for (const d of report.documents) {
    yield `${pyStr(d.file)}: pairs ${pairsRepr(d.partners_pred)} vs ${pairsRepr(d.partners_gold)} | domains ${pyRepr(d.domains_pred)} vs ${pyRepr(d.domains_gold)} | events ${d.events}/${d.events_gold} | commitments ${d.commitments} | must_not ${d.must_not}`;
  }
  for (const k of METRICS) {
    const m = metric(report, k);
    yield `${k.padEnd(15)} P=${pyFixed(m.p, 2)} R=${pyFixed(m.r, 2)} F1=${pyFixed(m.f1, 2)}  (tp ${m.tp} fp ${m.fp} fn ${m.fn})`;
  }
  const s = report.summary;
  yield `documents seen ${s.documents_seen}; facts on negative docs ${s.negative_doc_facts}; must_not violations ${s.must_not_violations}`;
}

/** Exactly what `score.py GOLD PRED` prints (every line newline-terminated, the F1 line last). */
export function formatReport(report: ScoreReport): string {
  return [...textLines(report), f1Line(report)].join('\n') + '\n';
}

const FLOAT_KEYS = new Set(['p', 'r', 'f1']);

/** The JSON document `score.py --json` prints (json.dumps, indent 1, without the F1 line). */
export function jsonText(report: ScoreReport): string {
  return pyJsonDumps({ summary: report.summary, documents: report.documents }, 1, FLOAT_KEYS);
}

/** Exactly what `score.py GOLD PRED --json` prints: the JSON report (indent 1), then the F1 line. */
export function formatJsonReport(report: ScoreReport): string {
  return `${jsonText(report)}\n${f1Line(report)}\n`;
}

/**
 * score.py's --min check: every KEY=VALUE must hold, KEY being `metric` (its f1), `metric.field`
 * (p, r, f1, tp, fp, fn) or a top-level count (negative_doc_facts, must_not_violations); a value is
 * met when the result is not below it, an unknown metric fails. Returns the exit status's truth.
 */
export function checkMinimums(report: ScoreReport, mins: Record<string, number> | Map<string, number>): boolean {
  let ok = true;
  const entries = mins instanceof Map ? [...mins] : Object.entries(mins);
  const res = report.summary as unknown as Record<string, unknown>;
  for (const [k, v] of entries) {
    const dot = k.indexOf('.');
    const name = dot < 0 ? k : k.slice(0, dot);
    const field = dot < 0 ? '' : k.slice(dot + 1);
    const r = Object.hasOwn(res, name) ? res[name] : undefined;
    let val: unknown;
    if (isDict(r)) {
      const f = field || 'f1';
      if (!Object.hasOwn(r, f)) throw new Error(`KeyError: '${f}'`);
      val = r[f];
    } else val = r;
    if (val === undefined || val === null) {
      ok = false;
      continue;
    }
    if (typeof val !== 'number') throw new PyTypeError(`'<' not supported between instances of 'str' and 'float'`);
    if (pyCompare(val, v) < 0) ok = false;
  }
  return ok;
}
