import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../shared/dsl/compile';
import { formatDiagnostic } from '../../shared/dsl/diagnostics';
import { explainPlan } from '../../shared/dsl/plan';
import { openHostCore, type HostCore } from '../../electron/host/hostCore';
import { paths } from '../../electron/host/paths';
import { tempDir } from '../store/synthFixtures';

/**
 * Each language feature: its plan and SQL as snapshots, and the query run on the real engine over
 * the sample store, with what the result must hold.
 */
let core: HostCore;
const workspace = tempDir('dsl-features');
beforeAll(async () => {
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: workspace });
  const model = async (name: string, select: string) => {
    const file = `${workspace}/${name}.parquet`;
    await core.engine.exec(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
    await core.addModel(name, file);
  };
  await model('용도', "SELECT * FROM (VALUES ('대', '대지'), ('전', '밭')) AS t(JIMOK, 설명)");
  await model('목록', 'SELECT PNU, row_number() OVER (ORDER BY PNU) AS 번호 FROM parcels ORDER BY PNU LIMIT 3');
  await model('번호목록', 'SELECT CAST(PNU AS BIGINT) AS PNU FROM parcels LIMIT 3');
});
afterAll(async () => core.close());

async function run(dsl: string): Promise<Table> {
  const outcome = await core.queries.run(dsl);
  if (!outcome.ok) throw new Error(outcome.error.error);
  return tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer()));
}

function snapshot(dsl: string): void {
  const r = compile(dsl, core.catalog());
  if (!r.plan || !r.sql) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  expect(explainPlan(r.plan)).toMatchSnapshot('plan');
  expect(r.sql).toMatchSnapshot('sql');
}

const errors = (dsl: string) => compile(dsl, core.catalog()).diagnostics.map(formatDiagnostic);
/** A result column as plain values (whole numbers arrive as bigint) */
const column = (t: Table, name: string): unknown[] =>
  Array.from(t.getChild(name)!.toArray() as ArrayLike<unknown>, (v) => (typeof v === 'bigint' ? Number(v) : v));

describe("join between the analyst's tables", () => {
  it("inner: each parcel gets its 지목's description; only 대 and 전 remain", async () => {
    const dsl = 'parcels | join 용도 on JIMOK | select PNU, JIMOK, 설명';
    snapshot(dsl);
    const t = await run(dsl);
    expect(t.numRows).toBeGreaterThan(0);
    expect(new Set(column(t, 'JIMOK'))).toEqual(new Set(['대', '전']));
    expect(column(t, '설명').every((d, i) => d === (column(t, 'JIMOK')[i] === '대' ? '대지' : '밭'))).toBe(true);
  });

  it('left: rows without a match are kept, with nulls', async () => {
    const dsl = 'parcels | join left 용도 on JIMOK | where 설명 is null | stats count() as n';
    snapshot(dsl);
    const { n } = (await core.engine.rows<{ n: bigint }>("SELECT count(*) AS n FROM parcels WHERE JIMOK NOT IN ('대', '전')"))[0]!;
    expect(column(await run(dsl), 'n')).toEqual([Number(n)]);
  });

  it('a model joined to the store by PNU', async () => {
    const dsl = 'from 목록 | join parcels on PNU | sort 번호 | select 번호, PNU, JIMOK';
    snapshot(dsl);
    const t = await run(dsl);
    expect(column(t, '번호')).toEqual([1, 2, 3]);
  });

  it('a missing key, a key of another type and an unknown model are located errors', () => {
    expect(errors('parcels | join 용도 on 설명')).toEqual(["1:22: the input has no column '설명' to join on"]);
    expect(errors('parcels | join 용도 on PNU')).toEqual(["1:22: 용도 has no column 'PNU' to join on"]);
    expect(errors('from 번호목록 | join parcels on PNU')).toEqual([
      "1:29: 'PNU' is a whole number in the input and text in parcels — derive a key of the same type first, e.g. derive k = concat(x) for text",
    ]);
    expect(errors('parcels | join 용독 on JIMOK')).toEqual(["1:16: unknown model '용독' — did you mean '용도'?"]);
    expect(errors('parcels | join 용도 JIMOK')[0]).toMatch(/^1:19: expected `on <column>`/);
  });
});

describe('append', () => {
  it('the rows of two pipelines with the same columns, in any order', async () => {
    const dsl =
      "parcels | where JIMOK == '대' | select PNU, JIMOK | append (parcels | where JIMOK == '전' | select JIMOK, PNU) | stats count() as n by JIMOK";
    snapshot(dsl);
    const t = await run(dsl);
    const counts = await core.engine.rows<{ JIMOK: string; n: bigint }>(
      "SELECT JIMOK, count(*) AS n FROM parcels WHERE JIMOK IN ('대', '전') GROUP BY JIMOK ORDER BY JIMOK",
    );
    expect(column(t, 'JIMOK')).toEqual(counts.map((c) => c.JIMOK));
    expect(column(t, 'n')).toEqual(counts.map((c) => Number(c.n)));
  });

  it('other columns, another type, or a sql source inside are located errors', () => {
    expect(errors('parcels | select PNU | append (parcels | select PNU, JIMOK)')).toEqual([
      '1:32: the appended pipeline must have the same columns: it has JIMOK as well — select the same columns on both sides, e.g. | select a, b',
    ]);
    expect(errors('from 목록 | select PNU | append (from 번호목록)')).toEqual([
      '1:32: PNU is text here and a whole number in the appended pipeline',
    ]);
    expect(errors('from 목록 | append (sql "SELECT 1")')[0]).toMatch(/^1:19: an appended pipeline starts from a model or `parcels`/);
    expect(errors('from 목록 | append (from 목록 | where 번호 > 1')).toEqual([
      "1:41: expected ')' to close the appended pipeline, found the end of the query",
    ]);
  });
});

describe('window functions in derive', () => {
  it('top 3 per 시군구 by area: row_number over a group, in an order', async () => {
    const dsl =
      'parcels | derive 순위 = row_number() over (SGG_NM sort AREA_M2 desc) | where 순위 <= 3 | sort SGG_NM, 순위 | select SGG_NM, PNU, 순위';
    snapshot(dsl);
    const t = await run(dsl);
    const expected = await core.engine.rows<{ SGG_NM: string; PNU: string }>(
      'SELECT SGG_NM, PNU FROM parcels QUALIFY row_number() OVER (PARTITION BY SGG_NM ORDER BY AREA_M2 DESC) <= 3 ORDER BY SGG_NM, AREA_M2 DESC',
    );
    expect(column(t, 'PNU')).toEqual(expected.map((r) => r.PNU));
    expect(column(t, 'SGG_NM')).toEqual(expected.map((r) => r.SGG_NM));
  });

  it('percent of the total after stats: the shares add up to 100', async () => {
    const dsl = 'parcels | stats sum(AREA_M2) as 면적 by JIMOK | derive 비율 = 면적 / sum(면적) over () * 100';
    snapshot(dsl);
    const shares = column(await run(dsl), '비율') as number[];
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
  });

  it('a running total, the previous row with lag, and a group total', async () => {
    const dsl =
      "parcels | where SGG_NM == '종로구' | derive 누적 = sum(AREA_M2) over (sort PNU), 앞 = lag(PNU) over (sort PNU), 동합계 = sum(AREA_M2) over (EMD_NM) | sort PNU | take 4";
    snapshot(dsl);
    const t = await run(dsl);
    const area = column(t, 'AREA_M2') as number[];
    const pnu = column(t, 'PNU');
    expect(column(t, '앞')).toEqual([null, ...pnu.slice(0, 3)]);
    (column(t, '누적') as number[]).forEach((v, i) =>
      expect(v).toBeCloseTo(
        area.slice(0, i + 1).reduce((a, b) => a + b, 0),
        6,
      ),
    );
    const emd = column(t, 'EMD_NM')[0] as string;
    const { s } = (
      await core.engine.rows<{ s: number }>(`SELECT sum(AREA_M2) AS s FROM parcels WHERE SGG_NM = '종로구' AND EMD_NM = '${emd}'`)
    )[0]!;
    expect(column(t, '동합계')[0]).toBeCloseTo(s, 6);
  });

  it('over where it cannot go, a window function without over, over after a plain function: located errors', () => {
    expect(errors('parcels | where rank() over (sort AREA_M2) <= 3')[0]).toMatch(/^1:17: `over \(...\)` belongs in derive or select/);
    expect(errors('parcels | derive r = rank()')[0]).toMatch(/^1:22: rank\(\) numbers rows within groups: write rank\(\) over/);
    expect(errors('parcels | derive x = lower(JIMOK) over ()')).toEqual([
      '1:22: `over` follows an aggregate (sum, count, …) or a window function (row_number, rank, lag, …), not lower()',
    ]);
    expect(errors('parcels | stats sum(AREA_M2) over () as n')[0]).toMatch(/^1:17: `over \(...\)` belongs in derive or select/);
  });
});

describe('conditional values, casts, regular expressions and date parts', () => {
  it('if(c1, a, c2, b, else): the first condition that holds picks the value, as the engine counts them', async () => {
    const dsl = "parcels | derive 크기 = if(AREA_M2 >= 1000, '대형', AREA_M2 >= 300, '중형', '소형') | stats count() as n by 크기";
    snapshot(dsl);
    const t = await run(dsl);
    const counts = await core.engine.rows<{ k: string; n: bigint }>(
      "SELECT CASE WHEN AREA_M2 >= 1000 THEN '대형' WHEN AREA_M2 >= 300 THEN '중형' ELSE '소형' END AS k, count(*) AS n FROM parcels GROUP BY k ORDER BY k",
    );
    expect(column(t, '크기')).toEqual(counts.map((c) => c.k));
    expect(column(t, 'n')).toEqual(counts.map((c) => Number(c.n)));
    expect(counts).toHaveLength(3);
    expect(errors("parcels | derive x = if(SAN, 'a', JIMOK == '대', 'b')")).toEqual([
      '1:22: if takes a condition and a value for each case, then one value for the rest: 4 arguments leave the last without one — if(condition, a, [condition2, b, …,] else)',
    ]);
    expect(errors("parcels | derive x = if(SAN, 'a', BONBUN, 'b', 'c')")).toEqual([
      '1:35: if() takes a condition first: BONBUN is a whole number — compare it, e.g. BONBUN > 0',
    ]);
    expect(errors("parcels | derive x = if(SAN, 'a', JIMOK == '대', 2, 'c')")).toEqual(["1:49: 'a' is text — write '2'"]);
  });

  it('if(condition, a, b): every parcel is 대형 or 소형, as the engine counts them', async () => {
    const dsl = "parcels | derive 크기 = if(AREA_M2 > 1000, '대형', '소형') | stats count() as n by 크기";
    snapshot(dsl);
    const t = await run(dsl);
    const { n } = (await core.engine.rows<{ n: bigint }>('SELECT count(*) AS n FROM parcels WHERE AREA_M2 > 1000'))[0]!;
    expect(column(t, '크기')).toEqual(['대형', '소형']);
    expect(column(t, 'n')[0]).toBe(Number(n));
    expect(errors("parcels | derive x = if(AREA_M2, 'a', 'b')")).toEqual([
      '1:25: if() takes a condition first: AREA_M2 is a number — compare it, e.g. AREA_M2 > 0',
    ]);
    expect(errors("parcels | derive x = if(SAN, 'a', 1)")).toEqual(["1:35: 'a' is text — write '1'"]);
  });

  it('cast converts; a value that does not convert fails at run time at its own step', async () => {
    const dsl = 'parcels | derive 본번 = cast(BONBUN as text), 면적 = cast(AREA_M2 as integer) | select 본번, 면적 | take 3';
    snapshot(dsl);
    const t = await run(dsl);
    expect(typeof column(t, '본번')[0]).toBe('string');
    const outcome = await core.queries.run('parcels\n| where SAN\n| derive n = cast(JIBUN as integer)');
    if (outcome.ok) throw new Error('ran');
    expect(outcome.error.diagnostics!.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^3:3: step 2 failed in the engine: Conversion Error: .*산/),
    ]);
  });

  it('matches and extract with regular expressions; year, month and day of a date', async () => {
    const dsl =
      "parcels | where matches(JIBUN, '^산[0-9]+-') | derive 본 = extract(JIBUN, '^산([0-9]+)-', 1), 연도 = year(SOURCE_DATE), 월 = month(SOURCE_DATE), 일 = day(SOURCE_DATE) | select 본, BONBUN, 연도, 월, 일 | take 20";
    snapshot(dsl);
    const t = await run(dsl);
    expect(t.numRows).toBe(20);
    expect(column(t, '본')).toEqual(column(t, 'BONBUN').map(String));
    expect(new Set([...column(t, '연도'), ...column(t, '월'), ...column(t, '일')])).toEqual(new Set([2024, 6, 30]));
    expect(errors('parcels | derive y = year(JIBUN)')).toEqual(['1:27: year() takes a date: JIBUN is text']);
    expect(errors("parcels | where matches(JIBUN, '(산')")).toEqual(['1:32: not a regular expression: Unterminated group']);
    expect(errors("parcels | where matches(JIBUN, '(?=산)')")).toEqual([
      '1:32: not a regular expression: lookahead and lookbehind ((?=…), (?!…)) are not supported',
    ]);
    expect(errors("parcels | derive x = extract(JIBUN, '(산)', 12)")[0]).toMatch(/^1:44: the group of extract\(\) is a number from 0/);
    expect(errors("parcels | derive x = extract(JIBUN, '(산)', BONBUN)")[0]).toMatch(/^1:44: the group of extract\(\)/);
  });
});

describe('distinct and sample', () => {
  it('distinct a, b: one row per combination, as the engine counts them', async () => {
    const dsl = 'parcels | distinct SGG_NM, JIMOK | stats count() as n';
    snapshot(dsl);
    const { n } = (await core.engine.rows<{ n: bigint }>('SELECT count(*) AS n FROM (SELECT DISTINCT SGG_NM, JIMOK FROM parcels)'))[0]!;
    expect(column(await run(dsl), 'n')).toEqual([Number(n)]);
    expect(errors('parcels | distinct SGG_N, JIMOK')).toEqual(["1:20: unknown column 'SGG_N' — did you mean 'SGG_NM'?"]);
  });

  it('sample N: N rows, the same ones each run', async () => {
    const dsl = 'parcels | sample 7 | select PNU';
    snapshot(dsl);
    const first = column(await run(dsl), 'PNU');
    expect(first).toHaveLength(7);
    expect(column(await run(dsl), 'PNU')).toEqual(first);
  });

  it('sample P%: that share of the rows (of 4,000 here), the same ones each run; a share outside (0, 100] is refused', async () => {
    const dsl = 'parcels | sample 2.5% | select PNU';
    snapshot(dsl);
    const first = column(await run(dsl), 'PNU');
    expect(first).toHaveLength(100);
    expect(new Set(first).size).toBe(100);
    expect(column(await run(dsl), 'PNU')).toEqual(first);
    expect(errors('parcels | sample 0%')).toEqual(['1:18: `sample` takes a percentage above 0 and at most 100']);
    expect(errors('parcels | sample 150%')).toEqual(['1:18: `sample` takes a percentage above 0 and at most 100']);
  });
});

describe('parameters', () => {
  it('let name = value before the source; $name stands for it wherever it appears', async () => {
    const dsl = "let 최소 = 1000\nlet 지목 = '대'\nparcels | where AREA_M2 >= $최소 and JIMOK == $지목 | stats count() as n";
    snapshot(dsl);
    const { n } = (await core.engine.rows<{ n: bigint }>("SELECT count(*) AS n FROM parcels WHERE AREA_M2 >= 1000 AND JIMOK = '대'"))[0]!;
    expect(column(await run(dsl), 'n')).toEqual([Number(n)]);
  });

  it('an unknown parameter, one defined twice, and a value of the wrong type are located (the last at the value)', () => {
    expect(errors('let 최소 = 1\nparcels | where AREA_M2 > $최대')).toEqual(["2:27: unknown parameter '$최대' — did you mean '$최소'?"]);
    expect(errors('parcels | where AREA_M2 > $최대')).toEqual([
      "1:27: unknown parameter '$최대' — define it before the source: let 최대 = …",
    ]);
    expect(errors('let a = 1\nlet a = 2\nparcels')).toEqual(['2:5: $a is already defined']);
    expect(errors('let 코드 = 1111010200\nparcels | where BJD_CD == $코드')).toEqual(["1:10: BJD_CD is text — write '1111010200'"]);
  });
});
