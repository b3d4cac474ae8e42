import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../shared/dsl/compile';
import { openHostCore, type HostCore } from '../../electron/host/hostCore';
import { paths } from '../../electron/host/paths';
import { tempDir } from '../store/synthFixtures';

/** The type rules on the real engine and the sample store: what the checker accepts runs and is exact. */
let core: HostCore;
const workspace = tempDir('dsl-types');
beforeAll(async () => {
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: workspace });
});
afterAll(async () => core.close());

async function run(dsl: string): Promise<Table> {
  const outcome = await core.queries.run(dsl);
  if (!outcome.ok) throw new Error(outcome.error.error);
  return tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer()));
}

async function refused(dsl: string): Promise<string[]> {
  const outcome = await core.queries.run(dsl);
  if (outcome.ok) throw new Error(`ran: ${dsl}`);
  expect(outcome.error.code).toBe('dsl'); // the checker's, never the engine's
  return (outcome.error.diagnostics ?? []).map((d) => `${d.line}:${d.col}: ${d.message}`);
}

describe('types on the sample store', () => {
  it('a PNU written as a number is refused, not rounded to its neighbour; written as text it finds the parcel', async () => {
    const { PNU } = (await core.engine.rows<{ PNU: string }>('SELECT PNU FROM parcels ORDER BY PNU LIMIT 1'))[0]!;
    expect(await refused(`parcels | where PNU == ${PNU}`)).toEqual(['1:24: PNU is text']);
    const found = await run(`parcels | where PNU == '${PNU}'`);
    expect(found.numRows).toBe(1);
    expect(found.getChild('PNU')!.get(0)).toBe(PNU);
  });

  it('BJD_CD compared with a number and left() of a date are located errors, not engine errors', async () => {
    expect(await refused('parcels | where BJD_CD == 1111010200')).toEqual(['1:27: BJD_CD is text']);
    expect(await refused('parcels | derive y = left(SOURCE_DATE, 4)')).toEqual(['1:27: left() takes text here: SOURCE_DATE is a date']);
    expect(await refused('parcels | where JIMOK like 1')).toEqual(['1:28: the `like` pattern is text, not a whole number']);
  });

  it('19 and 20-digit literals come back with every digit, mixed with decimals too', async () => {
    const dsl = 'parcels | derive n = 1111010200100190001, h = 99999999999999999999 + 0.5 | select n, h | take 1';
    expect(String((await run(dsl)).getChild('n')!.get(0))).toBe('1111010200100190001');
    // in the engine the decimal is exact (the Arrow encoder ships DECIMAL as a double: not the DSL's part)
    const [row] = await core.engine.rows<{ h: string }>(`SELECT h::VARCHAR AS h FROM (${compile(dsl, core.catalog()).sql})`);
    expect(row!.h).toBe('99999999999999999999.5');
  });

  it('dates in the Korean forms compare as dates (every sample parcel is of 2024-06-30)', async () => {
    const count = async (dsl: string) => Number((await run(`${dsl} | stats count() as n`)).getChild('n')!.get(0));
    expect(await count("parcels | where SOURCE_DATE == '2024.06.30'")).toBe(4000);
    expect(await count("parcels | where SOURCE_DATE >= '20240630' and SOURCE_DATE < '2024/7/1'")).toBe(4000);
    expect(await count("parcels | where SOURCE_DATE > '2024. 6. 30.'")).toBe(0);
    expect(await refused("parcels | where SOURCE_DATE > '2024.13.01'")).toEqual(["1:31: '2024.13.01' is not a date"]);
  });
});

describe('stats with aggregates inside functions', () => {
  it("round(avg(AREA_M2), 1) per 지목 runs and rounds the engine's own average", async () => {
    const t = await run('parcels | stats round(avg(AREA_M2), 1) as 평균, count() as n by JIMOK');
    const rows = await core.engine.rows<{ JIMOK: string; a: number }>(
      'SELECT JIMOK, round(avg(AREA_M2), 1) AS a FROM parcels GROUP BY JIMOK ORDER BY JIMOK',
    );
    expect(t.numRows).toBe(rows.length);
    rows.forEach((r, i) => {
      expect(t.getChild('JIMOK')!.get(i)).toBe(r.JIMOK);
      expect(t.getChild('평균')!.get(i)).toBeCloseTo(r.a, 6);
    });
  });
});

describe('a model column of a type the language does not know', () => {
  it('a TIME and a LIST column: selected and tested with is null on the engine, refused located when compared', async () => {
    const file = `${workspace}/times.parquet`; // the engine writes only inside the workspace
    await core.engine.exec(`COPY (SELECT TIME '10:30:00' AS 시각, [1, 2] AS 값들, 'a' AS 이름) TO '${file}' (FORMAT parquet)`);
    await core.addModel('시각표', file);
    expect((await run('from 시각표 | where 시각 is not null and 값들 is not null | select 시각, 값들, 이름')).numRows).toBe(1);
    expect(await refused("from 시각표 | where 시각 > '10:00'")).toEqual(['1:18: 시각 is of a type queries cannot compare or compute with']);
    expect(await refused('from 시각표 | where 값들 == 1')).toEqual(['1:18: 값들 is of a type queries cannot compare or compute with']);
  });
});
