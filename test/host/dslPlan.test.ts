import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../shared/dsl/diagnostics';
import { sqlGenerations } from '../../shared/dsl/sqlgen';
import { openHostCore, type HostCore } from '../../electron/host/hostCore';
import { QueryStreamError } from '../../electron/host/queryService';
import { paths } from '../../electron/host/paths';
import { tempDir } from '../store/synthFixtures';

/** The plan stage on the real engine: one SQL generation per query, and run-time errors at their step. */
let core: HostCore;
const workspace = tempDir('dsl-plan');
beforeAll(async () => {
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: workspace });
  const file = `${workspace}/목록.parquet`;
  await core.engine.exec(
    `COPY (SELECT * FROM (VALUES ('서울 중구 무교동 9-12', 1), ('서울 중구 무교동 99999', 2)) AS t(소재지, 번호)) TO '${file}' (FORMAT parquet)`,
  );
  await core.addModel('목록', file);
});
afterAll(async () => core.close());

/** Runs a query to its end; returns its rows and how many statements the SQL generator made for it. */
async function runCounted(dsl: string): Promise<{ rows: number; generations: number }> {
  const before = sqlGenerations();
  const outcome = await core.queries.run(dsl);
  if (!outcome.ok) throw new Error(outcome.error.error);
  const rows = tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer())).numRows;
  return { rows, generations: sqlGenerations() - before };
}

describe('the SQL generator runs once per query', () => {
  it.each([
    ['the store', "parcels | where JIMOK == '대' | take 3"],
    ['a model', 'from 목록 | where 번호 > 0'],
    ['a sql source, described by the engine', 'sql "SELECT SGG_NM, count(*) AS n FROM parcels GROUP BY ALL" | where n > 0'],
    ['a sql source and a parcel_join', 'sql "SELECT \'서울 중구 무교동 9-12\' AS 소재지" | parcel_join address=소재지'],
    [
      'a model and two parcel_joins',
      'from 목록 | parcel_join address=소재지 keep=all | select 소재지, 번호 | parcel_join address=소재지 | select 소재지, PNU',
    ],
    ['a spatial step, refined in the host', 'parcels | within near(126.9769, 37.5759, 500) | take 5'],
    ['a parcel_join then a spatial step', 'from 목록 | parcel_join address=소재지 | within near(126.9769, 37.5759, 3000)'],
  ])('%s', async (_, dsl) => {
    const { rows, generations } = await runCounted(dsl);
    expect(rows).toBeGreaterThan(0);
    expect(generations).toBe(1);
  });

  it('an export too', async () => {
    const before = sqlGenerations();
    const copied = await core.queries.copyToParquet('from 목록 | parcel_join address=소재지', `${workspace}/out.parquet`);
    expect(copied).toEqual({ ok: true });
    expect(sqlGenerations() - before).toBe(1);
  });
});

describe('an engine error at run time is located at the step that caused it', () => {
  it('an overflow in a derive after a where: the derive step, not the query as a whole', async () => {
    const dsl = "parcels\n| where JIMOK == '대'\n| derive n = BONBUN * 9223372036854775807\n| take 5";
    const outcome = await core.queries.run(dsl);
    if (outcome.ok) throw new Error('ran');
    expect(outcome.error.code).toBe('engine');
    expect(outcome.error.params).toMatchObject({ step: 2 });
    expect(outcome.error.diagnostics!.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^3:3: step 2 failed in the engine: Out of Range Error: .*overflow/i),
    ]);
  });

  it('a sql source failing on its data: the source', async () => {
    const outcome = await core.queries.run('sql "SELECT CAST(JIBUN AS INTEGER) AS n FROM parcels" | where n > 0');
    if (outcome.ok) throw new Error('ran');
    expect(outcome.error.diagnostics!.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^1:1: the source failed in the engine: Conversion Error/),
    ]);
  });

  it('a conversion failing on the last of 2 million rows: located at its step, never an answer cut short', async () => {
    // DuckDB's streaming results end quietly when they fail part-way (engine.ts): the answer would be
    // the rows before the bad one, without a word. A model whose last row does not convert:
    const file = `${workspace}/긴목록.parquet`;
    await core.engine.exec(
      `COPY (SELECT i AS 번호, CASE WHEN i = 1999999 THEN '9-12' ELSE CAST(i AS VARCHAR) END AS 값 FROM range(2000000) t(i)) TO '${file}' (FORMAT parquet)`,
    );
    await core.addModel('긴목록', file);
    const outcome = await core.queries.run('from 긴목록\n| where 번호 >= 0\n| derive n = cast(값 as integer)');
    if (outcome.ok) {
      const rows = tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer())).numRows;
      throw new Error(`answered with ${rows} rows`);
    }
    expect(outcome.error.code).toBe('engine');
    expect(outcome.error.diagnostics!.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^3:3: step 2 failed in the engine: Conversion Error: .*'9-12'/),
    ]);
  });
  it('an answer stopped while it streams breaks off with the reason, not as if it were whole', async () => {
    const outcome = await core.queries.run('from 긴목록 | derive n = 번호 + 1', 'stopped-mid-stream');
    if (!outcome.ok) throw new Error(outcome.error.error);
    const reader = outcome.body.getReader();
    expect((await reader.read()).done).toBe(false);
    core.queries.cancel('stopped-mid-stream');
    let failure: unknown = null;
    try {
      while (!(await reader.read()).done);
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(QueryStreamError);
    expect((failure as QueryStreamError).error.code).toBe('cancelled');
    expect(core.queries.status('stopped-mid-stream')).toEqual({ state: 'failed', error: (failure as QueryStreamError).error });
  });
});
