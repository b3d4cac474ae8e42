import { describe, expect, it } from 'vitest';
import { compile } from '../../shared/dsl/compile';
import { formatDiagnostic } from '../../shared/dsl/diagnostics';
import { parcelJoinQuery } from '../../shared/dsl/dslText';
import type { Plan } from '../../shared/dsl/plan';
import { catalog } from './dslFixtures';

const sql = (src: string) => {
  const r = compile(src, catalog);
  if (!r.sql) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.sql;
};
const errors = (src: string) => compile(src, catalog).diagnostics.map(formatDiagnostic);
/** The first parcel_join of a plan. */
const joinSpec = (plan: Plan | null) => plan?.steps.flatMap((s) => (s.kind === 'parcelJoin' ? [s.spec] : []))[0];

describe('SQL generation', () => {
  it('filter and take', () => {
    expect(sql("parcels | where SGG_NM == '종로구' | take 500")).toMatchSnapshot();
  });

  it('derive, select keeps the geometry, sort', () => {
    expect(sql('parcels | derive 평수 = AREA_M2 / 3.3058 | select PNU, JIMOK as 지목, 평수 | sort 평수 desc | take 10')).toMatchSnapshot();
  });

  it('stats by groups', () => {
    expect(sql("parcels | where JIMOK == '대' | stats count(), sum(AREA_M2), count_distinct(EMD_NM) as 동수 by SGG_NM")).toMatchSnapshot();
  });

  it('within bbox and near use the bbox covering column', () => {
    expect(sql('parcels | within bbox(126.97, 37.57, 126.99, 37.59)')).toMatchSnapshot();
    expect(sql('parcels | within near(126.978, 37.5665, 500)')).toMatchSnapshot();
  });

  it('models with Korean column names', () => {
    expect(sql("from 주소목록 | where 시도 == '서울특별시' and 본번 >= 100 | select 소재지")).toMatchSnapshot();
  });

  it('escapes literals and quotes identifiers', () => {
    const s = sql("parcels | where JIBUN == 'x''); DROP TABLE parcels; --' | derive `a\"b` = 1");
    expect(s).toContain("'x''); DROP TABLE parcels; --'");
    expect(s).toContain('"a""b"');
  });

  it('parcel_join on one address column joins the match table and the parcels, in input order', () => {
    expect(sql("from 주소목록 | parcel_join address=소재지 | where JIMOK in ['대', '전'] | select 소재지, PNU, JIMOK")).toMatchSnapshot();
  });

  it('parcel_join keep=all keeps unmatched rows with match_status, match_note and match_detail', () => {
    const r = compile(
      "from 주소목록 | parcel_join sido=시도 sgg=시군구 emd=소재지 bonbun=본번 keep=all | where match_status != 'matched'",
      catalog,
    );
    expect(r.sql).toMatchSnapshot();
    expect(joinSpec(r.plan)).toMatchObject({
      step: 0,
      keep: 'all',
      mapping: { kind: 'parts', sido: '시도', sgg: '시군구', emd: '소재지', bonbun: '본번' },
    });
  });

  it("parcel_join parcels=all adds match_parcel and orders a building's parcels after its row, 대표지번 first", () => {
    const r = compile("from 주소목록 | parcel_join address=소재지 parcels=all | where match_parcel == '관련지번'", catalog);
    expect(r.diagnostics).toEqual([]);
    expect(joinSpec(r.plan)).toMatchObject({ keep: 'matched', parcels: 'all' });
    expect(r.sql).toContain('m."match_parcel"');
    expect(r.sql).toContain(`ORDER BY s."__row", m."match_parcel" = '관련지번', m."pnu"`);
    expect(joinSpec(compile('from 주소목록 | parcel_join address=소재지', catalog).plan)).toMatchObject({ parcels: 'main' });
    expect(compile('from 주소목록 | parcel_join address=소재지', catalog).sql).not.toContain('match_parcel');
    expect(errors("from 주소목록 | parcel_join address=소재지 | where match_parcel == 'x'")[0]).toMatch(/unknown column 'match_parcel'/);
  });

  it('parcel_join: a model column named like a parcel column is kept; the parcel one is prefixed, with a warning', () => {
    const withPnu = {
      tables: [...catalog.tables, { name: '필지', kind: 'model' as const, columns: [{ name: 'pnu', type: 'string' as const }] }],
    };
    const r = compile('from 필지 | parcel_join pnu=PNU | select pnu, parcel_PNU', withPnu);
    expect(r.sql).toContain('p."PNU" AS "parcel_PNU"');
    expect(joinSpec(r.plan)!.mapping).toEqual({ kind: 'pnu', pnu: 'pnu' });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(["1:11: the input already has columns named like the parcel's: PNU → parcel_PNU"]);
  });

  it('a sql "..." source becomes the first CTE; later steps are checked against the columns the host described', () => {
    const dsl = 'sql "SELECT SGG_NM, count(*) AS n FROM parcels GROUP BY ALL" | where n > 10 | sort n desc';
    const r = compile(dsl, catalog, [
      { name: 'SGG_NM', type: 'string' },
      { name: 'n', type: 'integer' },
    ]);
    expect(r.sql).toMatchSnapshot();
    expect(compile(`${dsl} | where m > 1`, catalog, [{ name: 'n', type: 'integer' }]).diagnostics.map(formatDiagnostic)).toEqual([
      "1:99: unknown column 'm' — did you mean 'n'?",
    ]);
    // in the editor, before the host has described it, names after the source are not judged
    expect(compile(`${dsl} | where m > 1`, catalog).diagnostics).toEqual([]);
  });

  it('collects map hints without changing rows', () => {
    const r = compile('parcels | map color=jimok', catalog);
    expect(r.mapHints).toEqual({ color: 'JIMOK' });
  });
});

describe('error messages', () => {
  it('unknown column with a suggestion, located', () => {
    expect(errors("from 주소목록\n| where 시군구명 == '종로구'")).toEqual(["2:9: unknown column '시군구명' — did you mean '시군구'?"]);
  });

  it('unknown model and function', () => {
    expect(errors('from 주소목룩')).toEqual(["1:1: unknown model '주소목룩' — did you mean '주소목록'?"]);
    expect(errors('parcels | derive x = lowr(JIMOK)')).toEqual(["1:22: unknown function 'lowr' — did you mean 'lower'?"]);
  });

  it('aggregates outside stats, arity, null comparison', () => {
    expect(errors('parcels | where count() > 1')).toEqual(['1:17: count() aggregates rows: use it in `stats`']);
    expect(errors('parcels | derive x = round()')[0]).toMatch(/round takes 1 to 2 arguments/);
    expect(errors('parcels | where RI_NM == null')[0]).toMatch(/write 'is null'/);
  });

  it('columns removed by select are gone afterwards', () => {
    expect(errors('parcels | select PNU | where JIMOK == 1')).toEqual(["1:30: unknown column 'JIMOK'"]);
  });

  it('arithmetic on text is refused', () => {
    expect(errors('parcels | derive x = JIMOK * 2')).toEqual(['1:22: arithmetic needs numbers: JIMOK is text']);
  });

  it('parcel_join options: unknown column, unknown option, missing parts, two ways at once, keep', () => {
    expect(errors('from 주소목록 | parcel_join address=소재')).toEqual(["1:33: unknown column '소재' — did you mean '소재지'?"]);
    expect(errors('from 주소목록 | parcel_join adress=소재지')).toEqual([
      "1:25: unknown parcel_join option 'adress' — did you mean 'address'?",
    ]);
    expect(errors('from 주소목록 | parcel_join sido=시도 emd=소재지')).toEqual([
      '1:13: separate columns need at least emd= and bonbun=; missing bonbun=',
    ]);
    expect(errors('from 주소목록 | parcel_join address=소재지 pnu=본번')[0]).toMatch(/give one way to find the parcel/);
    expect(errors('from 주소목록 | parcel_join address=소재지 keep=some')).toEqual([
      "1:42: keep is 'matched' (the default) or 'all', not 'some'",
    ]);
    expect(errors('parcels | parcel_join address=geometry')).toEqual(["1:31: 'geometry' holds geometry values, not an address"]);
    expect(errors('from 주소목록 | parcel_join address=소재지 parcels=every')).toEqual([
      "1:45: parcels is 'main' (the default: a road address's 대표지번) or 'all' (every parcel of its building), not 'every'",
    ]);
  });

  it('columns added by parcel_join are known to later steps', () => {
    expect(
      errors("from 주소목록 | parcel_join address=소재지 | where JIMOK == '대' | within bbox(126, 37, 127, 38) | stats count() by SGG_NM"),
    ).toEqual([]);
    expect(errors("from 주소목록 | parcel_join address=소재지 | where match_status == 'x'")).toEqual([
      "1:45: unknown column 'match_status'",
    ]);
  });

  it('several errors at once, in reading order, from the parser and the checker', () => {
    expect(errors('parcels | where SGG_NMM == 1 | derive x = lowr(JIMOK) | sortt x | take 5')).toEqual([
      "1:17: unknown column 'SGG_NMM' — did you mean 'SGG_NM'?",
      "1:43: unknown function 'lowr' — did you mean 'lower'?",
      "1:57: unknown command 'sortt' — did you mean 'sort'?",
    ]);
    expect(errors("parcels | where JIMOK == '대 | take 5")).toEqual(["1:26: unterminated string: add the closing '"]);
  });

  it('no SQL is produced when there are errors', () => {
    expect(compile('parcels | where nope == 1', catalog).sql).toBeNull();
  });
});

describe('DSL text for generated queries', () => {
  it('parcelJoinQuery writes what compiles back to the same mapping, odd names in backticks', () => {
    const odd = {
      tables: [
        ...catalog.tables,
        {
          name: '신청 목록',
          kind: 'model' as const,
          columns: [
            { name: '읍면 동', type: 'string' as const },
            { name: '본`번', type: 'integer' as const },
          ],
        },
      ],
    };
    const mapping = { kind: 'parts' as const, emd: '읍면 동', bonbun: '본`번' };
    const text = parcelJoinQuery('신청 목록', mapping, 'all');
    expect(text).toBe('from `신청 목록`\n| parcel_join emd=`읍면 동` bonbun=`본``번` keep=all\n');
    expect(joinSpec(compile(text, odd).plan)).toMatchObject({ mapping, keep: 'all' });
  });
});
