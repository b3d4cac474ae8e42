import type { Expr } from './ast';

/**
 * Number literals stay text from the lexer to the SQL: a 19-digit PNU written as a number must not
 * pass through a double (1111010200100190001 would become …190000). DuckDB reads the digits
 * exactly, as INTEGER, BIGINT or HUGEINT, and a decimal as DECIMAL. The limits below keep every
 * mix of them exact too: DuckDB compares an integer with a decimal in DECIMAL(38, scale), which
 * fails ("Could not cast value … to DECIMAL(38,37)") once integer digits + scale pass 38. With
 * at most 20 integer digits and 18 decimal places they never do; beyond, the literal is refused.
 */

const INTEGER_DIGITS = 20;
const DECIMAL_PLACES = 18;
const DECIMAL_DIGITS = 38;

const INTEGER = /^[0-9]+$/;
const DECIMAL = /^([0-9]+)\.([0-9]+)$/;

/** 'integer' for whole numbers, 'number' for decimals and exponents (as DuckDB types them). */
export function numberLiteralType(text: string): 'integer' | 'number' {
  return INTEGER.test(text) ? 'integer' : 'number';
}

/** Why a literal cannot be used exactly (with how to write it instead), or null when it can. */
export function numberLiteralProblem(text: string): { message: string; hint?: string } | null {
  if (INTEGER.test(text)) {
    if (text.replace(/^0+/, '').length <= INTEGER_DIGITS) return null;
    return {
      message: `${text} has more than ${INTEGER_DIGITS} digits and cannot be an exact number`,
      hint: `if it is a code, write it as text: '${text}'`,
    };
  }
  const decimal = DECIMAL.exec(text);
  if (decimal) {
    const whole = decimal[1]!.replace(/^0+/, '');
    if (decimal[2]!.length > DECIMAL_PLACES)
      return { message: `${text} has more than ${DECIMAL_PLACES} decimal places`, hint: 'write fewer decimals' };
    return whole.length + decimal[2]!.length > DECIMAL_DIGITS
      ? { message: `${text} has more than ${DECIMAL_DIGITS} digits and cannot be kept exactly`, hint: 'write fewer digits' }
      : null;
  }
  // an exponent (1e3): a double, which must be finite and must not lose its value entirely
  const value = Number(text);
  if (!Number.isFinite(value)) return { message: `${text} is out of range`, hint: 'a number must be below 1.8e308' };
  if (value === 0 && /[1-9]/.test(text.replace(/[eE].*$/, '')))
    return { message: `${text} is too small: it would be 0`, hint: 'write 0 if that is meant' };
  return null;
}

/** The literal as DuckDB SQL: the digits verbatim (leading zeros dropped so 007 is not octal-looking). */
export function numberLiteralSql(text: string): string {
  if (INTEGER.test(text)) return BigInt(text).toString();
  return text;
}

/** The value as a JavaScript number, where a double is what is wanted (coordinates, distances). */
export function numberLiteralValue(text: string): number {
  return Number(text);
}

/** A number written in the query, possibly negated (the arguments of within's regions), else null. */
export function numericLiteral(e: Expr): number | null {
  if (e.kind === 'number') return numberLiteralValue(e.text);
  if (e.kind === 'unary' && e.op === '-') {
    const v = numericLiteral(e.operand);
    return v === null ? null : -v;
  }
  return null;
}
