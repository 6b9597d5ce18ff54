/**
 * Metadata lines of plain-text articles.
 *
 * Articles saved as text usually carry a few lines that are not article content: a site header
 * ("Vietnam.vn - Nền tảng quảng bá Việt Nam"), an outlet + date line, a labelled date glued to the
 * title ("date 2024-09 Le dirigeant…"), an agency dateline ("Hanoi (VNA) –"), and near the end a
 * "Source : https://…" line. They are reported as 'metadata' boilerplate hints (offsets into the
 * final text) so that extraction and search skip them, and their values fill the RawDocument.
 *
 * Publication metadata is only looked for in the first few non-empty lines, and only on lines whose
 * whole shape is metadata — a date inside a body sentence is never taken. Cue words come from
 * dict/ingest.yaml (src/ingest/cues.ts); the line shapes below are language-neutral.
 */
import { parse as parseYaml } from 'yaml';
import type { BoilerplateSpan } from '../types.ts';
import { foldAligned, fold } from '../util/fold.ts';
import { ingestCues, type IngestCues } from './cues.ts';

export interface TextMetadata {
  title: string | null;
  published_raw: string | null;
  url: string | null;
  site_name: string | null;
  source: string | null;
  declared_lang: string | null;
  /** 'metadata' spans, sorted by start. */
  hints: BoilerplateSpan[];
}

export interface TextMetadataOptions {
  /** Markdown: YAML front matter is read and `#` heading marks are stripped from the title. */
  markdown?: boolean;
  cues?: IngestCues;
}

/** How many non-empty lines at the top may hold publication metadata. */
const TOP_LINES = 6;
/** Metadata lines are short: longer lines are body text (and are never fed to the line regexes). */
const MAX_META_LINE = 1000;
/** A dateline opens a paragraph within this many characters. */
const DATELINE_WINDOW = 200;
/** A "title" longer than this is a paragraph, not a headline. */
const MAX_TITLE_CHARS = 300;
/** The "Source :" scan looks at most this many lines back from the end (and never above the middle). */
const TAIL_LINES = 3000;
/** A source/outlet name (not a URL) is only taken from this many last non-empty lines. */
const TAIL_SOURCE_LINES = 8;

// Line shapes. Dates are numeric only: day-first dd/mm/yyyy (fr/vi convention) or ISO 8601.
const DMY = String.raw`(?<![\d/.\-])[0-3]?\d[/.\-][01]?\d[/.\-](?:19|20)\d\d(?![\d/.\-])`;
const ISO = String.raw`(?<![\d/.\-])(?:19|20)\d\d-[01]\d(?:-[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?)?(?![\d/\-])`;
/** Month/year, only accepted after a label ("Date: 09/2024"). */
const MY = String.raw`(?<![\d/.\-])[01]?\d/(?:19|20)\d\d(?![\d/.\-])`;
/** Optional clock time after a date: "10/03/2025 14:30", "10/03/2025 - 08:15 (GMT+7)", "… à 14h30". */
const TIME = String.raw`(?:[^\S\n]*[,|·•\-–—]?[^\S\n]*(?:lúc|à|at)?[^\S\n]*[0-2]?\d[:h][0-5]\d(?::[0-5]\d)?(?:[^\S\n]*[AaPp][Mm])?(?:[^\S\n]*\(?(?:GMT|UTC)[^\S\n]*(?:[+-][^\S\n]*\d{1,2}(?::?\d\d)?)?\)?)?)?`;

/** A line that ends with a date (and optional time); `prefix` is everything before the date. */
const DATE_AT_END = new RegExp(String.raw`^(?<prefix>.*?)(?<date>${DMY}|${ISO})${TIME}[^\S\n]*$`, 'u');
/** A date (sticky, used right after a label). */
const DATE_HERE = new RegExp(String.raw`(?<date>${DMY}|${ISO}|${MY})${TIME}`, 'uy');
/** An unlabelled full date prefixing text with a separator: "10/03/2025 - Le Vietnam…". */
const DATE_PREFIX = new RegExp(String.raw`^[^\S\n]*(?<date>${DMY}|(?:19|20)\d\d-[01]\d-[0-3]\d)${TIME}[^\S\n]*[|\-–—:][^\S\n]+(?=\S)`, 'u');
const DMY_ANYWHERE = new RegExp(DMY, 'u');

/** "Hanoi (VNA) –", "Hà Nội, 10/3 (TTXVN) -", "WASHINGTON (Reuters) -". */
const AGENCY_DATELINE = /^[^\S\n]*(?<place>\p{Lu}[\p{L}\p{M}.'’ \-]{0,40}?)(?:[^\S\n]*,[^\S\n]*(?<when>[^()\n]{1,40}?))?[^\S\n]*\((?<agency>[^()\n]{2,24})\)[^\S\n]*[-–—:][^\S\n]*/u;
/** "(Dân trí) - …", "(VTC News) – …" at the start of a line. */
const PAREN_DATELINE = /^[^\S\n]*\((?<agency>\p{Lu}[^()\n\d]{1,23})\)[^\S\n]*[-–—][^\S\n]*/u;
/**
 * "Đà Nẵng, ngày 5 tháng 6 năm 2025 – …", "HANOI, June 5, 2025 — …", "Paris, le 5 juin 2025 - …":
 * a place (a capitalised word, then up to four more words), a comma, a date that ends with its
 * year, and a dash opening the first body paragraph; no agency in brackets.
 */
const PLACE_DATELINE = /^[^\S\n]*\p{Lu}[\p{L}\p{M}.'’\-]*(?:[^\S\n]+[\p{L}\p{M}.'’\-]+){0,4}[^\S\n]*,[^\S\n]*(?<when>[^\n–—]{1,40}?(?<!\d)(?:19|20)\d\d)[^\S\n]*[-–—][^\S\n]+(?=\S)/u;
/** "NDO - …": an outlet acronym and a dash opening the first body paragraph. */
const ACRONYM_DASH = /^[^\S\n]*(?<agency>\p{Lu}{2,6})[^\S\n]+[-–—][^\S\n]+(?=\S)/u;
/** A line that starts with a domain name or URL: "Vietnam.vn - Nền tảng…", "https://site.vn/a-b". */
const SITE_HEADER = /^[^\S\n]*(?<url>(?:https?:\/\/)?(?:www\.)?(?<domain>[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.[a-z]{2,12})(?![\p{L}\p{N}])(?<path>\/\S*)?)[^\S\n]*(?:$|[-–—|:·•][^\S\n]*\S)/u;
const URL_ONLY = /^https?:\/\/\S+$/;
const ACRONYM = /^\p{Lu}{2,8}(?:[/+\-]\p{L}{0,12}\+?)?$/u;

interface Line {
  start: number;
  end: number;
  text: string;
}

/** Find metadata lines in NFC, LF-normalised text. */
export function detectTextMetadata(text: string, opts: TextMetadataOptions = {}): TextMetadata {
  const cues = opts.cues ?? ingestCues();
  const meta: TextMetadata = { title: null, published_raw: null, url: null, site_name: null, source: null, declared_lang: null, hints: [] };
  const hint = (start: number, end: number) => {
    if (end > start) meta.hints.push({ start, end, kind: 'metadata' });
  };

  let pos = 0;
  if (opts.markdown) pos = readFrontMatter(text, meta, hint);

  // --- Top: the first few non-empty lines.
  let seen = 0;
  let topEnd = pos;
  let bodyStarted = false; // a dateline opened the body: no later line is the title
  for (const line of linesFrom(text, pos)) {
    if (!/\S/.test(line.text)) continue;
    if (seen++ >= TOP_LINES) break;
    topEnd = line.end;
    const first = seen === 1;

    if (line.text.length > MAX_META_LINE) {
      // A long paragraph: only a dateline at its start can be metadata.
      const dateline = matchDateline(line.text.slice(0, DATELINE_WINDOW), cues, meta.title !== null);
      if (dateline) {
        hint(line.start, line.start + dateline.length);
        if (dateline.date) meta.published_raw ??= dateline.date;
      }
      bodyStarted = true;
      continue;
    }

    if (first && meta.title === null) {
      const site = SITE_HEADER.exec(line.text);
      if (site?.groups && line.text.length <= 150 && hasLaterContent(text, line.end)) {
        const g = site.groups;
        meta.site_name = g.domain;
        if (g.path && g.path.length > 1 && /^https?:/i.test(g.url)) meta.url ??= g.url;
        hint(line.start, line.end);
        continue;
      }
    }

    const folded = foldAligned(line.text);
    const src = cues.sourceLine.exec(folded);
    if (src?.indices?.[1]) {
      takeSource(meta, line.text.slice(src.indices[1][0], src.indices[1][1]));
      hint(line.start, line.end);
      continue;
    }

    const dateLine = matchDateLine(line.text, folded, cues);
    if (dateLine) {
      meta.published_raw ??= dateLine.date;
      if (dateLine.source) meta.source ??= dateLine.source;
      hint(line.start, line.end);
      continue;
    }

    // A date glued before the title on the same line: " date 2024-09 Le dirigeant…".
    const prefixed = matchDatePrefix(line.text, folded, cues);
    if (prefixed) {
      meta.published_raw ??= prefixed.date;
      hint(line.start, line.start + prefixed.length);
      if (meta.title === null && !bodyStarted) meta.title = cleanTitle(line.text.slice(prefixed.length), opts.markdown);
      bodyStarted = true;
      continue;
    }

    const dateline = matchDateline(line.text, cues, meta.title !== null);
    if (dateline) {
      // The dateline opens a body paragraph: mark only the dateline; the line is not a title.
      hint(line.start, line.start + dateline.length);
      if (dateline.date) meta.published_raw ??= dateline.date;
      bodyStarted = true;
      continue;
    }

    if (meta.title === null && !bodyStarted) meta.title = cleanTitle(line.text, opts.markdown);
    bodyStarted = true;
  }

  // --- Tail: "Source : https://…" / "Nguồn: …" lines near the end.
  readTailSources(text, Math.max(topEnd, text.length >> 1), meta, cues, hint);

  meta.hints.sort((a, b) => a.start - b.start);
  return meta;
}

// ---------------------------------------------------------------------------------------------

function* linesFrom(text: string, pos: number): Generator<Line> {
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    yield { start: pos, end, text: text.slice(pos, end) };
    if (end >= text.length) return;
    pos = end + 1;
  }
}

function hasLaterContent(text: string, from: number): boolean {
  return /\S/.test(text.slice(from, from + 4096));
}

/**
 * A whole line that is a date with an allowed prefix: nothing, a date label, an outlet name glued
 * to the date or repeated ("Báo Nhân dânBáo Nhân dân10/03/2025"), a short name + separator
 * ("VnExpress - 10/03/2025", "Thứ Hai, 10/03/2025"), or one or two words ("Lundi 10/03/2025").
 */
function matchDateLine(line: string, folded: string, cues: IngestCues): { date: string; source: string | null } | null {
  const m = DATE_AT_END.exec(line);
  if (!m?.groups || !validDate(m.groups.date)) return null;
  const prefix = m.groups.prefix;
  const p = prefix.trim();
  const date = m.groups.date;
  if (p === '') return { date, source: null };
  if (p.length > 80 || /[.!?;]\s|[.!?;]$/.test(p)) return null;
  // A space is appended so that a label glued to the date ("Ngày10/03/2025") still ends a word.
  const label = cues.dateLabel.exec(folded.slice(0, prefix.length) + ' ');
  if (label && label[0].trimEnd().length >= prefix.trimEnd().length) return { date, source: null };
  if (/\p{L}$/u.test(prefix)) return { date, source: dedupeRepeat(p) }; // glued: no space before the date
  const sep = /[^\S\n]*([,|·•\-–—:])[^\S\n]*$/.exec(prefix);
  if (sep) {
    const name = prefix.slice(0, sep.index).trim();
    const dashLike = sep[1] !== ',' && sep[1] !== ':';
    return { date, source: dashLike && name && !cues.dateLabel.test(fold(name)) ? dedupeRepeat(name) : null };
  }
  const repeated = /^(.+?)\s*\1$/u.exec(p);
  if (repeated) return { date, source: repeated[1] };
  if (p.split(/\s+/).length <= 2) return { date, source: null };
  return null;
}

/** Label + date at the start of a line that goes on with other text (the title). Returns the prefix length. */
function matchDatePrefix(line: string, folded: string, cues: IngestCues): { date: string; length: number } | null {
  const label = cues.dateLabel.exec(folded);
  if (label) {
    DATE_HERE.lastIndex = label[0].length;
    const d = DATE_HERE.exec(line);
    if (d?.groups && validDate(d.groups.date)) {
      const rest = /^[^\S\n]*[|\-–—:]?[^\S\n]+(?=\S)/.exec(line.slice(DATE_HERE.lastIndex));
      if (rest) return { date: d.groups.date, length: DATE_HERE.lastIndex + rest[0].length };
    }
  }
  const bare = DATE_PREFIX.exec(line);
  if (bare?.groups && validDate(bare.groups.date)) return { date: bare.groups.date, length: bare[0].length };
  return null;
}

/** Agency dateline at the start of a line. Returns its length and a full date if it has one. */
function matchDateline(line: string, cues: IngestCues, afterTitle: boolean): { length: number; date: string | null } | null {
  const a = AGENCY_DATELINE.exec(line);
  if (a?.groups && isAgency(a.groups.agency, cues)) {
    return { length: a[0].length, date: datelineDate(a.groups.when) };
  }
  const p = PAREN_DATELINE.exec(line);
  if (p) return { length: p[0].length, date: null };
  if (afterTitle) {
    const pd = PLACE_DATELINE.exec(line);
    const when = pd?.groups && dateLike(pd.groups.when) ? datelineDate(pd.groups.when) : null;
    if (pd && when) return { length: pd[0].length, date: when };
    const ac = ACRONYM_DASH.exec(line);
    if (ac?.groups && isAgency(ac.groups.agency, cues)) return { length: ac[0].length, date: null };
  }
  return null;
}

/**
 * The date part of a dateline ("Hà Nội, 12/3/2025 (TTXVN)", "Cần Thơ, November 21, 2024 (VNA)")
 * when it names a year: a numeric date as is, a textual one verbatim for normalise to parse.
 * "Hanoi, March 10 (VNA)" has no year and gives nothing.
 */
function datelineDate(when: string | undefined): string | null {
  if (!when) return null;
  const d = DMY_ANYWHERE.exec(when);
  if (d && validDate(d[0])) return d[0];
  return /(?<!\d)(?:19|20)\d\d(?!\d)/.test(when) ? when.trim() : null;
}

/**
 * A short date phrase rather than a clause that happens to end with a year: a day or month number
 * besides the year, and at most four words ("ngày 5 tháng 6 năm 2025", "June 5, 2025", "le 5 juin
 * 2025"; not "the EU and Japan agreed in 2024").
 */
function dateLike(when: string): boolean {
  const words = when.split(/[\s,]+/).filter((w) => w && !/\d/.test(w));
  return /(?<!\d)\d{1,2}(?!\d)/.test(when) && words.length <= 4;
}

function isAgency(name: string, cues: IngestCues): boolean {
  const n = name.trim();
  if (ACRONYM.test(n)) return true;
  const f = fold(n);
  return cues.agencies.has(f) || f.split('/').every((part) => cues.agencies.has(part.trim()));
}

function validDate(s: string): boolean {
  const dmy = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/.exec(s);
  if (dmy) {
    const a = Number(dmy[1]);
    const b = Number(dmy[2]);
    return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
  }
  const iso = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(s);
  if (iso) {
    const mo = Number(iso[2]);
    const d = iso[3] === undefined ? 1 : Number(iso[3]);
    return mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
  }
  const my = /^(\d{1,2})\/(\d{4})$/.exec(s);
  return my !== null && Number(my[1]) >= 1 && Number(my[1]) <= 12;
}

/** "Báo Nhân dânBáo Nhân dân" → "Báo Nhân dân" (outlet names that scrapers duplicate). */
function dedupeRepeat(s: string): string {
  const m = /^(.+?)\s*\1$/u.exec(s);
  return (m ? m[1] : s).trim();
}

function cleanTitle(s: string, markdown?: boolean): string | null {
  let t = s.trim();
  if (markdown) t = t.replace(/^#{1,6}[^\S\n]+/, '').replace(/[^\S\n]+#+$/, '');
  t = t.trim();
  return t && t.length <= MAX_TITLE_CHARS ? t : null;
}

/** A "Source : …" value: a URL gives the document URL, a short name the source outlet. */
function takeSource(meta: TextMetadata, value: string): void {
  const v = value.trim().replace(/[),.;]+$/, '');
  if (URL_ONLY.test(v)) meta.url ??= v;
  else if (v.length <= 80) meta.source ??= v;
}

/** Scan back from the end (down to `floor`) for "Source : …" lines. */
function readTailSources(text: string, floor: number, meta: TextMetadata, cues: IngestCues, hint: (s: number, e: number) => void): void {
  let end = text.length;
  let nonEmpty = 0;
  let urlFound = false;
  let sourceFound = false;
  for (let n = 0; n < TAIL_LINES && end > floor; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    if (start < floor) break;
    const line = text.slice(start, end);
    end = start - 1;
    if (!/\S/.test(line)) continue;
    nonEmpty++;
    // Cheap filter before folding: every "Label : value" line has its colon near the start.
    if (line.length > MAX_META_LINE) continue;
    const colon = line.indexOf(':');
    if (colon < 0 || colon > 40) continue;
    const m = cues.sourceLine.exec(foldAligned(line));
    if (!m?.indices?.[1]) continue;
    const value = line.slice(m.indices[1][0], m.indices[1][1]).trim().replace(/[),.;]+$/, '');
    if (URL_ONLY.test(value)) {
      if (urlFound) continue;
      urlFound = true;
      meta.url ??= value;
      hint(start, start + line.length);
    } else if (!sourceFound && nonEmpty <= TAIL_SOURCE_LINES && value.length <= 80 && !/https?:/i.test(value)) {
      sourceFound = true;
      meta.source ??= value;
      hint(start, start + line.length);
    }
  }
}

/** YAML front matter (`---` … `---`) at the very start of a Markdown file. Returns where the body starts. */
function readFrontMatter(text: string, meta: TextMetadata, hint: (s: number, e: number) => void): number {
  const open = /^(?:\ufeff)?---[^\S\n]*\n/.exec(text);
  if (!open) return 0;
  const close = /\n(?:---|\.\.\.)[^\S\n]*(?:\n|$)/g;
  close.lastIndex = open[0].length - 1;
  const m = close.exec(text.slice(0, 16384));
  if (!m) return 0;
  let data: unknown;
  try {
    data = parseYaml(text.slice(open[0].length, m.index));
  } catch {
    return 0; // not front matter after all: treat as text
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 0;
  const fm = data as Record<string, unknown>;
  const str = (...keys: string[]) => {
    for (const k of keys) {
      const v = fm[k];
      if (typeof v === 'string' && v.trim()) return v.trim();
      if (typeof v === 'number') return String(v);
      if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
    }
    return null;
  };
  meta.title = str('title', 'headline');
  meta.published_raw = str('date', 'published', 'published_at', 'datePublished');
  meta.url = str('url', 'link', 'canonical');
  meta.declared_lang = str('lang', 'language');
  meta.source = str('source', 'publisher');
  meta.site_name = str('site_name', 'site');
  const end = m.index + m[0].length;
  hint(0, m[0].endsWith('\n') ? end - 1 : end);
  return end;
}
