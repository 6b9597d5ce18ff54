/**
 * User search query → FTS5 MATCH expression.
 *
 * Users type free text; FTS5 has its own strict grammar in which a hyphen, a slash or an
 * apostrophe is a syntax error. So we parse the user's query ourselves and emit a fully quoted,
 * fully parenthesised FTS5 expression that can never be rejected by SQLite:
 *
 *   word word        implicit AND          "exact phrase"   phrase
 *   a AND b, a OR b  operators (UPPERCASE only: lowercase and/or/not are ordinary words,
 *                    so an English "research and development" query keeps working)
 *   NOT b, -b        exclusion (needs something to exclude from: `a NOT b`, `a -b`)
 *   semi*            prefix                (a OR b) c       grouping
 *
 * Every word is folded (src/util/fold.ts: case, diacritics, đ/Đ) exactly as the indexed text is,
 * then cut into its alphanumeric parts; a word with several parts (`semi-conducteurs`, `5G/6G`,
 * `l'IA`) becomes the phrase of its parts, which is how the tokenizer indexed it.
 *
 * Precedence, loosest first: OR, then AND (explicit or implicit), then NOT / `-`.
 */
import { fold } from '../util/fold.ts';

/** A query the user must fix; `message` is meant to be shown as is. */
export class SearchSyntaxError extends Error {
  constructor(
    message: string,
    readonly query: string,
  ) {
    super(message);
    this.name = 'SearchSyntaxError';
  }
}

/** One positive term (word, phrase or prefix) in folded token parts — what snippets highlight. */
export interface SearchTerm {
  parts: string[];
  /** The last part is a prefix. */
  prefix: boolean;
}

export interface ParsedQuery {
  /** FTS5 expression to put on the right of MATCH. */
  fts: string;
  /** Positive terms (not those under NOT), in query order, without repeats. */
  terms: SearchTerm[];
}

const MAX_QUERY_CHARS = 1000;
const MAX_TERMS = 64;

/** Token characters of FTS5's unicode61 tokenizer: letters, digits, private use. */
const TOKEN_PART = /[\p{L}\p{N}\p{Co}]+/gu;

/** Fold and split text into index tokens (the same cut the unicode61 tokenizer makes). */
export function tokenParts(s: string): string[] {
  return fold(s).match(TOKEN_PART) ?? [];
}

type Lexeme =
  | { k: 'term'; parts: string[]; prefix: boolean; pos: number }
  | { k: 'and' | 'or' | 'not' | 'neg' | 'lparen' | 'rparen'; pos: number };

type Node =
  | { t: 'term'; term: SearchTerm }
  | { t: 'and'; items: Node[]; nots: Node[] }
  | { t: 'or'; items: Node[] };

function isSpace(c: string): boolean {
  return /\s/.test(c);
}

function lex(q: string): Lexeme[] {
  const out: Lexeme[] = [];
  const pushTerm = (parts: string[], prefix: boolean, pos: number): void => {
    if (parts.length > 0) {
      out.push({ k: 'term', parts, prefix, pos });
      return;
    }
    // Nothing searchable (e.g. "&", "—"): drop it, and a `-` that was meant to negate it.
    if (out.length > 0 && out[out.length - 1].k === 'neg') out.pop();
  };
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (isSpace(c)) {
      i++;
    } else if (c === '(') {
      out.push({ k: 'lparen', pos: i++ });
    } else if (c === ')') {
      out.push({ k: 'rparen', pos: i++ });
    } else if (c === '"' || c === '\u201c' || c === '\u201d' || c === '\u00ab' || c === '\u00bb') {
      // Straight, curly and French quotes all open a phrase; any of them closes it.
      const start = i;
      const close = q.slice(i + 1).search(/["\u201c\u201d\u00ab\u00bb]/);
      if (close < 0) throw new SearchSyntaxError(`unterminated quote at character ${start + 1}: close the phrase with "`, q);
      const body = q.slice(i + 1, i + 1 + close);
      i += close + 2;
      let prefix = false;
      while (q[i] === '*') (prefix = true), i++;
      const parts = tokenParts(body);
      if (parts.length === 0) throw new SearchSyntaxError(`empty phrase at character ${start + 1}`, q);
      pushTerm(parts, prefix, start);
    } else if (c === '-' && i + 1 < q.length && !isSpace(q[i + 1]) && q[i + 1] !== '-' && q[i + 1] !== ')') {
      out.push({ k: 'neg', pos: i++ });
    } else {
      const start = i;
      while (i < q.length && !isSpace(q[i]) && q[i] !== '(' && q[i] !== ')' && q[i] !== '"') i++;
      const word = q.slice(start, i);
      if (word === 'AND') out.push({ k: 'and', pos: start });
      else if (word === 'OR') out.push({ k: 'or', pos: start });
      else if (word === 'NOT') out.push({ k: 'not', pos: start });
      else pushTerm(tokenParts(word), /\*$/.test(word), start);
    }
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly lx: Lexeme[],
    private readonly q: string,
  ) {}

  parse(): Node {
    if (this.lx.length === 0) throw new SearchSyntaxError('empty query: type at least one word', this.q);
    const node = this.or();
    const extra = this.lx[this.i];
    if (extra) {
      throw new SearchSyntaxError(
        extra.k === 'rparen' ? `unmatched ")" at character ${extra.pos + 1}` : `unexpected input at character ${extra.pos + 1}`,
        this.q,
      );
    }
    return node;
  }

  private peek(): Lexeme | undefined {
    return this.lx[this.i];
  }

  private fail(what: string, at: Lexeme | undefined): never {
    const where = at ? `at character ${at.pos + 1}` : 'at the end of the query';
    throw new SearchSyntaxError(`${what} ${where}`, this.q);
  }

  private or(): Node {
    const items = [this.and()];
    while (this.peek()?.k === 'or') {
      this.i++;
      items.push(this.and());
    }
    return items.length === 1 ? items[0] : { t: 'or', items };
  }

  /** A run of operands joined by AND or by juxtaposition; negated ones are collected apart. */
  private and(): Node {
    const items: Node[] = [];
    const nots: Node[] = [];
    const first = this.peek();
    for (;;) {
      const l = this.peek();
      if (!l || l.k === 'or' || l.k === 'rparen') {
        if (items.length + nots.length === 0) this.fail('expected a word or phrase', l);
        break;
      }
      if (l.k === 'and') {
        if (items.length + nots.length === 0) this.fail('AND needs a word before it', l);
        this.i++;
        const next = this.peek();
        if (!next || next.k === 'or' || next.k === 'rparen' || next.k === 'and') this.fail('AND needs a word after it', next);
        continue;
      }
      if (l.k === 'not' || l.k === 'neg') {
        this.i++;
        const next = this.peek();
        if (next && (next.k === 'not' || next.k === 'neg')) this.fail('double negation', next);
        nots.push(this.primary(l.k === 'not' ? 'NOT' : '-'));
        continue;
      }
      items.push(this.primary(null));
    }
    if (items.length === 0) {
      this.fail('NOT / "-" needs something to exclude from (write "a NOT b" or "a -b")', first);
    }
    if (nots.length === 0 && items.length === 1) return items[0];
    return { t: 'and', items, nots };
  }

  private primary(after: string | null): Node {
    const l = this.peek();
    if (!l) this.fail(after ? `${after} needs a word after it` : 'expected a word or phrase', l);
    if (l.k === 'term') {
      this.i++;
      return { t: 'term', term: { parts: l.parts, prefix: l.prefix } };
    }
    if (l.k === 'lparen') {
      this.i++;
      if (this.peek()?.k === 'rparen') this.fail('empty parentheses', this.peek());
      const inner = this.or();
      if (this.peek()?.k !== 'rparen') this.fail(`missing ")" for "(" at character ${l.pos + 1},`, this.peek());
      this.i++;
      return inner;
    }
    if (l.k === 'rparen') this.fail('unmatched ")"', l);
    return this.fail(after ? `${after} needs a word after it, found ${l.k.toUpperCase()}` : `${l.k.toUpperCase()} needs a word before it`, l);
  }
}

function quoteTerm(t: SearchTerm): string {
  // Parts are alphanumeric only, so they never contain a double quote to escape.
  return `"${t.parts.join(' ')}"${t.prefix ? '*' : ''}`;
}

function emit(n: Node): string {
  if (n.t === 'term') return quoteTerm(n.term);
  if (n.t === 'or') return n.items.map(wrap).join(' OR ');
  let out = n.items.map(wrap).join(' AND ');
  for (const neg of n.nots) out = `(${out}) NOT ${wrap(neg)}`;
  return out;
}

function wrap(n: Node): string {
  return n.t === 'term' ? emit(n) : `(${emit(n)})`;
}

function collectTerms(n: Node, out: SearchTerm[], seen: Set<string>): void {
  if (n.t === 'term') {
    const key = `${n.term.parts.join(' ')}${n.term.prefix ? '*' : ''}`;
    if (!seen.has(key)) seen.add(key), out.push(n.term);
    return;
  }
  for (const c of n.items) collectTerms(c, out, seen); // `nots` are left out on purpose
}

/** Parse a user query; throws SearchSyntaxError with a message fit for the user. */
export function parseSearchQuery(q: string): ParsedQuery {
  if (q.length > MAX_QUERY_CHARS) throw new SearchSyntaxError(`query too long (${q.length} characters; at most ${MAX_QUERY_CHARS})`, q);
  const lexemes = lex(q);
  const termCount = lexemes.filter((l) => l.k === 'term').length;
  if (termCount > MAX_TERMS) throw new SearchSyntaxError(`too many terms (${termCount}; at most ${MAX_TERMS})`, q);
  if (lexemes.length > 0 && termCount === 0) throw new SearchSyntaxError('the query has no word to search for', q);
  const tree = new Parser(lexemes, q).parse();
  const terms: SearchTerm[] = [];
  collectTerms(tree, terms, new Set());
  return { fts: emit(tree), terms };
}
