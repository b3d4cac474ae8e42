import { diag, type Diagnostic, type Span } from './diagnostics';

export type TokenKind = 'ident' | 'quotedIdent' | 'string' | 'number' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** identifier name, string value (unescaped), number text, or operator */
  value: string;
  span: Span;
}

const OPERATORS = ['==', '!=', '<=', '>=', '<>', '|', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '.'];

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
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (IDENT_START.test(ch)) {
      i++;
      while (i < source.length && IDENT_PART.test(source[i]!)) i++;
      tokens.push({ kind: 'ident', value: source.slice(start, i), span: { start, end: i } });
      continue;
    }
    if (/[0-9]/.test(ch)) {
      while (i < source.length && /[0-9_]/.test(source[i]!)) i++;
      if (source[i] === '.' && /[0-9]/.test(source[i + 1] ?? '')) {
        i++;
        while (i < source.length && /[0-9]/.test(source[i]!)) i++;
      }
      if (/[eE]/.test(source[i] ?? '') && /[-+0-9]/.test(source[i + 1] ?? '')) {
        i += 2;
        while (i < source.length && /[0-9]/.test(source[i]!)) i++;
      }
      tokens.push({ kind: 'number', value: source.slice(start, i).replace(/_/g, ''), span: { start, end: i } });
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      const { value, end, closed } = readQuoted(source, i, ch);
      i = end;
      if (!closed) {
        const what = ch === '`' ? 'quoted name' : 'string';
        diagnostics.push(diag(`unterminated ${what}: add the closing ${ch}`, { start, end }));
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
    diagnostics.push(diag(`unexpected character '${ch}'`, { start, end: start + 1 }));
    i++;
  }
  tokens.push({ kind: 'eof', value: '', span: { start: source.length, end: source.length } });
  return { tokens, diagnostics };
}

/** Reads a quoted token; the quote character is escaped by doubling it ('it''s') or with a backslash. */
function readQuoted(source: string, at: number, quote: string): { value: string; end: number; closed: boolean } {
  let value = '';
  let i = at + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length && quote !== '`') {
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
    if (c === '\n' && quote === '`') break;
    value += c;
    i++;
  }
  return { value, end: i, closed: false };
}
