import { describe, expect, it } from 'vitest';
import { compile } from '../../shared/dsl/compile';
import { formatDiagnostic } from '../../shared/dsl/diagnostics';
import { storeCatalog } from './dslFixtures';

const errors = (src: string) => compile(src, storeCatalog).diagnostics.map(formatDiagnostic);
const sql = (src: string) => {
  const r = compile(src, storeCatalog);
  if (!r.sql) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.sql;
};

/** What people type from SQL, JavaScript, Python and Korean word processors. */
describe('spellings from other languages', () => {
  it('-- and // comments are located errors that say #, and do not run half a line', () => {
    expect(errors("parcels -- 필지\n| where JIMOK == '대'")).toEqual(["1:9: '--' does not start a comment here — comments start with '#'"]);
    expect(errors('parcels | derive x = AREA_M2 // 3')).toEqual(["1:30: '//' does not start a comment here — comments start with '#'"]);
    expect(sql('parcels | derive x = AREA_M2 --1')).toContain('("AREA_M2" - (-1))'); // minus a negative number is still arithmetic
  });

  it('&&, ||, ! and ; point to the DSL words', () => {
    expect(errors("parcels | where JIMOK == '대' && SAN")).toEqual(["1:30: '&&' is not an operator — write `and`"]);
    expect(errors("parcels | where JIMOK == '대' || SAN")).toEqual([
      "1:30: '||' is not an operator — write `or`, or concat(a, b) to join texts",
    ]);
    expect(errors('parcels | where !SAN')).toEqual(["1:17: '!' is not an operator — write `not`"]);
    expect(errors("parcels | where JIMOK === '대' or JIMOK !== '전'")).toEqual([
      "1:23: '===' is not an operator — write ==",
      "1:40: '!==' is not an operator — write !=",
    ]);
    expect(errors('parcels | take 5;')).toEqual(["1:17: ';' is not needed — a query is one pipeline: remove it"]);
  });

  it("SQL's case is a located error with the way to do it here; cast is the language's own", () => {
    expect(errors("parcels | derive x = case when SAN then '산' else '' end")[0]).toMatch(
      /^1:22: `case` is not part of the query language: conditional values are if\(\.\.\.\), a function like the others — write if\(condition, a, \[condition2, b, …,\] else\)/,
    );
    expect(errors('parcels | where cast(PNU as bigint) > 1')).toEqual([
      "1:29: cast converts to integer, number, text, date, boolean, not 'bigint'",
    ]);
  });

  it('full-width ｜, digits and operators from a Korean IME are read as what they are', () => {
    expect(sql('parcels ｜ where BONBUN ＞ １２３ ｜ take ５')).toBe(sql('parcels | where BONBUN > 123 | take 5'));
    expect(sql('parcels | where BONBUN in ［１，２］ and （BUBUN ＝ ０）')).toBe(sql('parcels | where BONBUN in [1, 2] and (BUBUN = 0)'));
  });

  it('curly quotes quote strings', () => {
    expect(sql('parcels | where JIMOK == ‘대’ or JIMOK == “전”')).toBe(sql("parcels | where JIMOK == '대' or JIMOK == '전'"));
    expect(errors('parcels | where JIMOK == ‘대')).toEqual(['1:26: unterminated string: add the closing ’']);
  });
  it("SQL's partition by / order by inside over (…) are located errors with the spelling here", () => {
    expect(errors('parcels | derive r = rank() over (partition by SGG_NM order by AREA_M2 desc)')).toEqual([
      "1:35: `partition by` is SQL's spelling — the group columns come first, without a keyword: over (SGG_NM sort AREA_M2 desc)",
    ]);
    expect(errors('parcels | derive r = rank() over (SGG_NM order by AREA_M2 desc)')).toEqual([
      "1:42: `order by` is SQL's spelling — write `sort`: over (SGG_NM sort AREA_M2 desc)",
    ]);
    // a column that happens to be called partition is still a column
    expect(errors('parcels | derive r = rank() over (partition sort AREA_M2)')[0]).toMatch(/^1:35: unknown column 'partition'/);
  });

  it('step names of SQL, PRQL, dplyr and pandas point to the step that does it here', () => {
    expect(errors('parcels | order by AREA_M2')).toEqual(["1:11: unknown command 'order' — order rows with `sort a, b desc`"]);
    expect(errors("parcels | filter JIMOK == '대'")).toEqual(["1:11: unknown command 'filter' — keep rows with `where <condition>`"]);
    expect(errors('parcels | group by JIMOK')[0]).toContain('stats count(), sum(x) by a, b');
    expect(errors('parcels | limit 5')[0]).toContain('take N');
    expect(errors('parcels | sortt AREA_M2')).toEqual(["1:11: unknown command 'sortt' — did you mean 'sort'?"]);
  });
  it("SQL's in (…) is the same list as in […], and keeps its type checks", () => {
    expect(sql("parcels | where JIMOK in ('대', '전')")).toBe(sql("parcels | where JIMOK in ['대', '전']"));
    expect(sql("parcels | where JIMOK not in ('대')")).toBe(sql("parcels | where JIMOK not in ['대']"));
    expect(errors("parcels | where BONBUN in (1, 'a')")[0]).toMatch(/^1:31: BONBUN is a whole number/);
    expect(errors("parcels | where JIMOK in ('대', '전'")[0]).toMatch(/^1:35: expected '\)' to close the list after `in`/);
  });
  it('functions of SQL and spreadsheets name the function that does it here', () => {
    expect(errors("parcels | where SOURCE_DATE >= date('2024-01-01')")).toEqual([
      "1:32: unknown function 'date' — a date is text compared with a date (SOURCE_DATE >= '2024-01-01') or cast(x as date)",
    ]);
    expect(errors('parcels | derive n = len(JIBUN)')).toEqual(["1:22: unknown function 'len' — write length(text)"]);
    expect(errors('parcels | derive g = ST_Area(geometry)')[0]).toContain('write area(geometry)');
    expect(errors('parcels | derive n = lenght(JIBUN)')).toEqual(["1:22: unknown function 'lenght' — did you mean 'length'?"]);
  });
});
