import { diag, type Diagnostic, type Span } from './diagnostics';

/** param: `$name`, a value named by `let` */
export type TokenKind = 'ident' | 'quotedIdent' | 'param' | 'string' | 'number' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** identifier name, string value (unescaped), number text, or operator */
  value: string;
  span: Span;
}

const OPERATORS = ['==', '!=', '<=', '>=', '<>', '|', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '.'];

const QUOTES: Readonly<Record<string, string>> = { "'": "'", '"': '"', '`': '`', '‘': '’', '“': '”' };
const DIGIT = /[0-9０-９]/;

// Unicode letters (Hangul included) start identifiers; digits and _ may follow.
const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_]/u;

export interface LexResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

export function lex(source: string): LexResult {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '#') {
      i = lineEnd(source, i);
      continue;
    }
    const start = i;
    const foreign = foreignSpelling(source, i);
    if (foreign) {
      diagnostics.push(diag(foreign.message, { start, end: start + foreign.length }, 'error', foreign.hint));
      if (foreign.comment) i = lineEnd(source, i);
      else {
        i += foreign.length;
        // the DSL's word stands in, so the rest of the query is still checked
        if (foreign.token) tokens.push({ ...foreign.token, span: { start, end: i } });
      }
      continue;
    }
    if (ch === '$' && IDENT_START.test(source[i + 1] ?? '')) {
      i += 2;
      while (i < source.length && IDENT_PART.test(source[i]!)) i++;
      tokens.push({ kind: 'param', value: source.slice(start + 1, i), span: { start, end: i } });
      continue;
    }
    if (IDENT_START.test(ch)) {
      i++;
      while (i < source.length && IDENT_PART.test(source[i]!)) i++;
      tokens.push({ kind: 'ident', value: source.slice(start, i), span: { start, end: i } });
      continue;
    }
    if (DIGIT.test(ch)) {
      // full-width digits (１２３, typed with a Korean IME) are the same digits
      while (i < source.length && /[0-9０-９_]/.test(source[i]!)) i++;
      if (source[i] === '.' && DIGIT.test(source[i + 1] ?? '')) {
        i++;
        while (i < source.length && DIGIT.test(source[i]!)) i++;
      }
      if (/[eE]/.test(source[i] ?? '') && /[-+0-9]/.test(source[i + 1] ?? '')) {
        i += 2;
        while (i < source.length && /[0-9]/.test(source[i]!)) i++;
      }
      tokens.push({ kind: 'number', value: halfWidthDigits(source.slice(start, i)).replace(/_/g, ''), span: { start, end: i } });
      continue;
    }
    const close = QUOTES[ch];
    if (close) {
      const { value, end, closed } = readQuoted(source, i, ch, close);
      i = end;
      if (!closed) {
        const what = ch === '`' ? 'quoted name' : 'string';
        diagnostics.push(diag(`unterminated ${what}: add the closing ${close}`, { start, end }));
      }
      tokens.push({ kind: ch === '`' ? 'quotedIdent' : 'string', value, span: { start, end: i } });
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      i += op.length;
      tokens.push({ kind: 'op', value: op === '<>' ? '!=' : op, span: { start, end: i } });
      continue;
    }
    // a full-width operator from a Korean IME (｜, （, ，, ＝) is the ASCII one
    const folded = ch.normalize('NFKC');
    if (folded !== ch && OPERATORS.includes(folded)) {
      i++;
      tokens.push({ kind: 'op', value: folded, span: { start, end: i } });
      continue;
    }
    diagnostics.push(diag(`unexpected character '${ch}'`, { start, end: start + 1 }));
    i++;
  }
  tokens.push({ kind: 'eof', value: '', span: { start: source.length, end: source.length } });
  return { tokens, diagnostics };
}

/**
 * Reads a quoted token; the closing quote is escaped by doubling it ('it''s') or with a backslash.
 * Curly quotes (‘대’, “대”), which word processors put in pasted queries, quote strings too.
 */
function readQuoted(source: string, at: number, open: string, quote: string): { value: string; end: number; closed: boolean } {
  let value = '';
  let i = at + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length && open !== '`') {
      const next = source[i + 1]!;
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
      continue;
    }
    if (c === quote) {
      if (source[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { value, end: i + 1, closed: true };
    }
    if (c === '\n' && open === '`') break;
    value += c;
    i++;
  }
  return { value, end: i, closed: false };
}

function lineEnd(source: string, i: number): number {
  while (i < source.length && source[i] !== '\n') i++;
  return i;
}

function halfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
}

interface Foreign {
  length: number;
  message: string;
  hint: string;
  /** the rest of the line is a comment in the language it came from */
  comment?: boolean;
  /** the DSL's token that stands in, so parsing goes on */
  token?: { kind: 'ident' | 'op'; value: string };
}

/**
 * What people type from SQL, JavaScript or Python, refused at the place with the DSL's spelling.
 * None is accepted silently: `a // 2` or `x -- 1` read as a comment would drop part of a query.
 */
function foreignSpelling(source: string, i: number): Foreign | null {
  const two = source.slice(i, i + 2);
  if (two === '//' || (two === '--' && /^(\s|$)/.test(source.slice(i + 2, i + 3)))) {
    return { length: 2, message: `'${two}' does not start a comment here`, hint: "comments start with '#'", comment: true };
  }
  const three = source.slice(i, i + 3);
  if (three === '===' || three === '!==') {
    return {
      length: 3,
      message: `'${three}' is not an operator`,
      hint: `write ${three.slice(0, 2)}`,
      token: { kind: 'op', value: three.slice(0, 2) },
    };
  }
  if (two === '&&') return { length: 2, message: "'&&' is not an operator", hint: 'write `and`', token: { kind: 'ident', value: 'and' } };
  if (two === '||')
    return {
      length: 2,
      message: "'||' is not an operator",
      hint: 'write `or`, or concat(a, b) to join texts',
      token: { kind: 'ident', value: 'or' },
    };
  if (source[i] === '!' && source[i + 1] !== '=')
    return { length: 1, message: "'!' is not an operator", hint: 'write `not`', token: { kind: 'ident', value: 'not' } };
  if (source[i] === ';') return { length: 1, message: "';' is not needed", hint: 'a query is one pipeline: remove it' };
  return null;
}
