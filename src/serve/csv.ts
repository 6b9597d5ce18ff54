/**
 * CSV (RFC 4180) for every list the API returns. Nested objects are flattened to dotted column
 * names; lists of parties become their codes; other lists are joined with "; ".
 *
 * Cells that a spreadsheet would read as a formula (= + - @ at the start of a *text* value) are
 * prefixed with an apostrophe: article text is untrusted and must not execute in Excel.
 */

type Row = Record<string, unknown>;

function isParty(v: unknown): v is { code: string } {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';
}

function cellValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.every(isParty)) return v.map((p) => p.code).join(' ');
    if (v.every((x) => x === null || typeof x !== 'object')) return v.map((x) => String(x ?? '')).join('; ');
    return JSON.stringify(v);
  }
  return JSON.stringify(v);
}

/** Flatten one object into dotted keys (arrays stay values). */
export function flatten(obj: Row, prefix = '', out: Row = {}): Row {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Row, key, out);
    else out[key] = v;
  }
  return out;
}

function escapeCell(v: unknown): string {
  let s = cellValue(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows → CSV text with a header line (union of columns, in first-seen order) and a UTF-8 BOM for spreadsheets. */
export function toCsv(rows: Row[]): string {
  const flat = rows.map((r) => flatten(r));
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const r of flat) for (const k of Object.keys(r)) if (!seen.has(k)) seen.add(k), cols.push(k);
  const lines = [cols.map(escapeCell).join(',')];
  for (const r of flat) lines.push(cols.map((c) => escapeCell(r[c])).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
