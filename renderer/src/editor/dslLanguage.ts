import { StreamLanguage, type StreamParser } from '@codemirror/language';
import { COMMANDS } from '../../../shared/dsl/ast';
import { FUNCTIONS, REGIONS } from '../../../shared/dsl/functions';

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'like', 'is', 'null', 'between', 'as', 'by', 'desc', 'asc', 'offset', 'true', 'false']);
const COMMAND_WORDS = new Set(Object.keys(COMMANDS));
const FUNCTION_WORDS = new Set([...Object.keys(FUNCTIONS), ...Object.keys(REGIONS)]);

/** Highlighting only; the shared compiler does the real parsing (and the squiggles). */
const parser: StreamParser<unknown> = {
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match('#')) {
      stream.skipToEnd();
      return 'comment';
    }
    const quote = stream.peek();
    if (quote === "'" || quote === '"' || quote === '`') {
      stream.next();
      let escaped = false;
      for (let c = stream.next(); c !== undefined; c = stream.next()) {
        if (c === quote && !escaped) break;
        escaped = c === '\\' && !escaped;
      }
      return quote === '`' ? 'variableName' : 'string';
    }
    if (stream.match(/^[0-9][0-9_]*(\.[0-9]+)?/)) return 'number';
    if (stream.match(/^[\p{L}_][\p{L}\p{N}_]*/u)) {
      const word = stream.current().toLowerCase();
      if (COMMAND_WORDS.has(word)) return 'keyword';
      if (KEYWORDS.has(word)) return 'operatorKeyword';
      if (FUNCTION_WORDS.has(word) && stream.peek() === '(') return 'function(variableName)';
      return 'variableName';
    }
    stream.next();
    return 'operator';
  },
};

export const dslLanguage = StreamLanguage.define(parser);
