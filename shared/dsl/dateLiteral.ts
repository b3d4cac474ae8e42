/**
 * Date literals as Korean analysts write them. A text compared with a date column is read as a
 * date here, exactly, or refused with the accepted forms: DuckDB itself only reads YYYY-MM-DD and
 * answers anything else with "invalid date field format", unlocated.
 */

export const DATE_FORMS = 'YYYY-MM-DD, YYYY.MM.DD, YYYY/MM/DD or YYYYMMDD';

// 2024-01-05, 2024.1.5, 2024. 1. 5. (as Korean documents print dates), 2024/01/05
const SEPARATED = /^\s*(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})\s*\.?\s*$/;
const COMPACT = /^\s*(\d{4})(\d{2})(\d{2})\s*$/;

/** The date as ISO YYYY-MM-DD, or null when the text is not one of the forms or not a calendar day. */
export function parseDateLiteral(text: string): string | null {
  const m = SEPARATED.exec(text) ?? COMPACT.exec(text);
  if (!m) return null;
  const [year, month, day] = m.length === 5 ? [m[1]!, m[3]!, m[4]!] : [m[1]!, m[2]!, m[3]!];
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
