import { COMMANDS, EXPRESSION_WORDS, OPTION_WORDS } from './ast';
import { FUNCTIONS, REGIONS } from './functions';

/** The one-line help for the word at `offset` (a command or a function), with the word's range. */
export function hoverHelp(text: string, offset: number): { from: number; to: number; help: string } | null {
  const left = /[\p{L}\p{N}_]*$/u.exec(text.slice(0, offset))![0];
  const right = /^[\p{L}\p{N}_]*/u.exec(text.slice(offset))![0];
  const word = (left + right).toLowerCase();
  // `contains` is a step and a text function: a call is the function
  const call = /^\s*\(/.test(text.slice(offset + right.length));
  // `parcels=all` is an option, not the store
  const option = text[offset + right.length] === '=' ? OPTION_WORDS[word]?.help : undefined;
  const help =
    option ??
    (call ? FUNCTIONS[word]?.help : undefined) ??
    COMMANDS[word] ??
    EXPRESSION_WORDS[word] ??
    FUNCTIONS[word]?.help ??
    REGIONS[word]?.help;
  return help && word ? { from: offset - left.length, to: offset + right.length, help } : null;
}
