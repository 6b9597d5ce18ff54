/**
 * The few Python semantics the scorer port must reproduce bit for bit: float rounding and
 * formatting (round(x, 3), f"{x:.2f}", repr(float)), str()/repr() of JSON values, truthiness,
 * iteration, float() parsing, str.strip(), code-point string order, text folding and
 * json.dumps(indent=1, ensure_ascii=False).
 *
 * Values come from JSON, so Python types map as: null → None, boolean → bool, string → str,
 * array → list, object → dict, number → int when integral (JSON.stringify writes integral
 * numbers without ".0", and Python reads those as int), float otherwise.
 */
import { isCombining } from './combining.ts';

export class PyTypeError extends TypeError {}
export class PyValueError extends Error {}

// ---------------------------------------------------------------------------------------------
// Exact decimal arithmetic on doubles

/** The exact value of a finite double as `digits × 10^-point` (binary doubles have finite decimal expansions). */
function exactDecimal(x: number): { neg: boolean; digits: bigint; point: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const neg = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  if (e2 >= 0) return { neg, digits: mant << BigInt(e2), point: 0 };
  return { neg, digits: mant * 5n ** BigInt(-e2), point: -e2 };
}

/** x × 10^nd rounded half-to-even on the exact binary value (what CPython's dtoa mode 3 does). */
function scaledHalfEven(x: number, nd: number): { neg: boolean; n: bigint } {
  const { neg, digits, point } = exactDecimal(x);
  if (point <= nd) return { neg, n: digits * 10n ** BigInt(nd - point) };
  const div = 10n ** BigInt(point - nd);
  let q = digits / div;
  const twice = 2n * (digits % div);
  if (twice > div || (twice === div && (q & 1n) === 1n)) q += 1n;
  return { neg, n: q };
}

/** Python's round(x, nd) for a float. */
export function pyRound(x: number, nd: number): number {
  if (!Number.isFinite(x)) return x;
  const { neg, n } = scaledHalfEven(x, nd);
  return Number(`${neg ? '-' : ''}${n}e-${nd}`);
}

/** Python's format(x, f'.{nd}f'). */
export function pyFixed(x: number, nd: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const { neg, n } = scaledHalfEven(x, nd);
  let s = n.toString();
  if (nd > 0) {
    s = s.padStart(nd + 1, '0');
    s = `${s.slice(0, s.length - nd)}.${s.slice(s.length - nd)}`;
  }
  return (neg ? '-' : '') + s;
}

/** Python's repr(float): shortest round-trip digits, scientific outside 1e-4 ≤ |x| < 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = x.toExponential().split('e');
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length > exp + 1) {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  } else {
    out = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  }
  return (neg ? '-' : '') + out;
}

// ---------------------------------------------------------------------------------------------
// str(), repr(), truthiness, iteration, float()

export const isDict = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function numberStr(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e21 ? BigInt(x).toString() : pyFloatRepr(x);
}

/** Python's str() of a JSON value. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  return pyRepr(v);
}

/** Python's repr() of a JSON value; `tuple` renders an array as a tuple. */
export function pyRepr(v: unknown, tuple = false): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return numberStr(v);
  if (typeof v === 'string') return pyReprStr(v);
  if (Array.isArray(v)) {
    const inner = v.map((x) => pyRepr(x)).join(', ');
    return tuple ? `(${inner}${v.length === 1 ? ',' : ''})` : `[${inner}]`;
  }
  if (isDict(v)) return `{${Object.entries(v).map(([k, x]) => `${pyReprStr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return String(v);
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');

/** Python's repr(str). */
export function pyReprStr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x7f) out += ch;
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) out += cp <= 0xff ? '\\x' + hex(cp, 2) : cp <= 0xffff ? '\\u' + hex(cp, 4) : '\\U' + hex(cp, 8);
    else out += ch;
  }
  return out + q;
}

/** Python truthiness of a JSON value. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

/** Python iteration over a JSON value: list items, string code points, dict keys. */
export function pyIter(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return Array.from(v);
  if (isDict(v)) return Object.keys(v);
  throw new PyTypeError(`'${pyTypeName(v)}' object is not iterable`);
}

export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

const PY_SPACE = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Python's str.strip() (its white-space set differs from String.prototype.trim's). */
export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && PY_SPACE.includes(s[a])) a++;
  while (b > a && PY_SPACE.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

const PY_FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/i;

/** Python's float() of a JSON value. */
export function pyFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = pyStrip(v);
    if (!PY_FLOAT.test(s)) throw new PyValueError(`could not convert string to float: ${pyReprStr(v)}`);
    const t = s.replace(/_/g, '').toLowerCase();
    const sign = t.startsWith('-') ? -1 : 1;
    const body = t.replace(/^[+-]/, '');
    if (body === 'nan') return NaN;
    if (body === 'inf' || body === 'infinity') return sign * Infinity;
    return Number(t);
  }
  throw new PyTypeError(`float() argument must be a string or a real number, not '${pyTypeName(v)}'`);
}

/** Python's str comparison: by code point (JS `<` compares UTF-16 units, which differs above U+FFFF). */
export function cpCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unitKey(x) - unitKey(y);
  }
  return a.length - b.length;
}

const unitKey = (u: number) => (u >= 0xd800 && u <= 0xdfff ? u + 0x2000 : u >= 0xe000 ? u - 0x800 : u);

/** Python's ordering of None / bool / numbers / str / tuples; throws on mixed types like Python. */
export function pyCompare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return cpCompare(a, b);
  const num = (v: unknown) => typeof v === 'number' || typeof v === 'boolean';
  if (num(a) && num(b)) return Number(a) - Number(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (pyEquals(a[i], b[i])) continue;
      return pyCompare(a[i], b[i]);
    }
    return a.length - b.length;
  }
  throw new PyTypeError(`'<' not supported between instances of '${pyTypeName(b)}' and '${pyTypeName(a)}'`);
}

/** Python's sorted() of a list of JSON scalars or arrays-as-tuples. */
export function pySorted<T>(items: Iterable<T>): T[] {
  const list = [...items];
  if (list.length < 2) return list;
  return list.sort((a, b) => pyCompare(a, b));
}

/** Python's == between JSON values (1 == 1.0 == True). */
export function pyEquals(a: unknown, b: unknown): boolean {
  const num = (v: unknown) => typeof v === 'number' || typeof v === 'boolean';
  if (num(a) && num(b)) return Number(a) === Number(b);
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a === 'string') return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
  if (isDict(a)) {
    if (!isDict(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && pyEquals(a[k], b[k]));
  }
  return false;
}

/**
 * Key of a hashable JSON value for use in a JS Map/Set with Python's equality: equal numbers and
 * booleans share a key (1, 1.0 and True are one dict key in Python). Lists and dicts are not
 * hashable in Python.
 */
export function pyHashKey(v: unknown): string {
  if (v === null || v === undefined) return 'N';
  if (typeof v === 'boolean' || typeof v === 'number') return `n${Number(v)}`;
  if (typeof v === 'string') return `s${v}`;
  if (Array.isArray(v)) return `t${JSON.stringify(v.map(pyHashKey))}`;
  throw new PyTypeError(`unhashable type: '${pyTypeName(v)}'`);
}

/** Python slice s[:n] (by code point). */
export function pyHead(s: string, n: number): string {
  let i = 0;
  let k = 0;
  while (i < s.length && k < n) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    k++;
  }
  return s.slice(0, i);
}

/** score.py's fold(): NFKD, đ/Đ → d/D, drop characters with a non-zero combining class, lower-case. */
export function pyFold(s: string): string {
  const n = s.normalize('NFKD').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  let out = '';
  for (const ch of n) if (!isCombining(ch.codePointAt(0)!)) out += ch;
  return out.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// json.dumps(obj, ensure_ascii=False, indent=1)

/**
 * Python's json.dumps(value, ensure_ascii=False, indent=N). Numbers under a key in `floatKeys` are
 * Python floats (printed "1.0", not "1"); other integral numbers are ints.
 */
export function pyJsonDumps(value: unknown, indent: number, floatKeys: ReadonlySet<string> = new Set()): string {
  const pad = (level: number) => ' '.repeat(indent * level);
  const num = (x: number, asFloat: boolean): string => {
    if (Number.isNaN(x)) return 'NaN';
    if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
    return asFloat ? pyFloatRepr(x) : numberStr(x);
  };
  const dump = (v: unknown, level: number, asFloat: boolean): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return num(v, asFloat);
    if (typeof v === 'string') return JSON.stringify(v);
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => pad(level + 1) + dump(x, level + 1, false)).join(',\n')}\n${pad(level)}]`;
    }
    if (isDict(v)) {
      const entries = Object.entries(v);
      if (entries.length === 0) return '{}';
      return `{\n${entries.map(([k, x]) => `${pad(level + 1)}${JSON.stringify(k)}: ${dump(x, level + 1, floatKeys.has(k))}`).join(',\n')}\n${pad(level)}}`;
    }
    return JSON.stringify(String(v));
  };
  return dump(value, 0, false);
}
