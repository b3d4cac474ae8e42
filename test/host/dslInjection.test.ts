import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../shared/dsl/compile';
import { formatDiagnostic } from '../../shared/dsl/diagnostics';
import { openHostCore, type HostCore } from '../../electron/host/hostCore';
import { paths } from '../../electron/host/paths';
import { tempDir } from '../store/synthFixtures';

/**
 * Hostile query text: each case must either be refused by the compiler with a located error, or
 * compile to exactly one read-only SELECT that runs and changes nothing. The host's DuckDB
 * lock-down is a second wall (tested in engine.test.ts); this corpus tests the first.
 */
const REFUSED: [string, RegExp][] = [
  ['parcels; DROP TABLE parcels', /';' is not needed/],
  ["parcels | where read_csv('/etc/passwd') == 1", /unknown function 'read_csv'/],
  ["parcels | derive x = read_parquet('/etc/passwd')", /unknown function 'read_parquet'/],
  ["parcels | where getenv('HOME') == ''", /unknown function 'getenv'/],
  ["parcels | derive x = current_setting('allowed_directories')", /unknown function 'current_setting'/],
  ['from duckdb_settings', /unknown model 'duckdb_settings'/],
  ["from `parcels; ATTACH '/tmp/x.db' AS x`", /unknown model/],
  ['from __match_abc_1', /unknown model '__match_abc_1'/],
  ['parcels | where PNU == "x" -- comment */ ; DROP', /./],
  ['parcels | sort `JIMOK"; DROP TABLE parcels; --`', /unknown column/],
  ["parcels | take 1; COPY parcels TO '/tmp/out.csv'", /';' is not needed/],
  ['parcels | where PNU == \'x\' | sql "SELECT 1"', /unknown command 'sql'/],
  ['sql "ATTACH \'/tmp/x.db\'"', /takes one SELECT statement/],
  ['sql "SELECT 1; SELECT 2"', /takes one statement: remove the `;`/],
  ['sql "COPY parcels TO \'/tmp/x.csv\'"', /takes one SELECT statement/],
  ['sql "SELECT * FROM read_csv(\'/etc/passwd\')"', /'read_csv' reads outside the models/],
  // a CTE's column list is not a call, but what it holds is still checked
  ['sql "WITH t(read_csv(\'/etc/passwd\')) AS (SELECT 1) SELECT * FROM t"', /does not parse|not allowed/],
  ['sql "SELECT * FROM \'/etc/passwd\'"', /unknown model '\/etc\/passwd'/],
  ['sql "SELECT * FROM parcels, \'x.parquet\'"', /unknown model 'x.parquet'/],
  ['sql "SELECT * FROM glob(\'/*\')"', /'glob' reads outside the models/],
  ['sql "SELECT * FROM query(\'SELECT 1\')"', /'query' reads outside the models/],
  ['sql "SELECT current_setting(\'allowed_directories\')"', /function 'current_setting' is not allowed/],
  ['sql "SELECT * FROM duckdb_settings()"', /'duckdb_settings' reads outside the models/],
  ['sql "SELECT * FROM __match_x_1"', /unknown model '__match_x_1'/],
  ['sql "SELECT 1 /* unterminated"', /does not parse/],
  ['sql "SELECT * FROM parcels WHERE PNU IN (SELECT pnu FROM read_parquet(\'/w/*.parquet\'))"', /'read_parquet' reads outside the models/],
  ["parcels | parcel_join address=`PNU') OR 1=1 --`", /unknown column/],
];

const RUNS: string[] = [
  "parcels | where JIBUN == 'x''); DROP TABLE parcels; --' | take 1",
  'parcels | where JIBUN == "\'; INSTALL httpfs; LOAD httpfs; --" | take 1',
  "parcels | where JIBUN like '%'' OR ''1''=''1' | take 1",
  "parcels | where JIBUN == '\\\\' or JIBUN == 'it\\'s' | take 1",
  "parcels | where JIBUN == '/* */ SELECT * FROM duckdb_settings() --' | take 1",
  'parcels | derive `x"; DETACH memory; --` = 1 | select `x"; DETACH memory; --` | take 1',
  "parcels | derive `a``b` = 'v' | take 1",
  "parcels | where JIBUN == '\u0000' | take 1",
  "parcels | where JIBUN in ['a', 'b''c', '\"d\"'] | take 1",
  'parcels | stats count() as `count(*)); DROP TABLE parcels; --` by SGG_NM',
  'parcels | map color=JIMOK | take 1',
  'sql "SELECT SGG_NM, count(*) AS n FROM parcels GROUP BY ALL" | where n > 0',
  'sql "WITH t AS (SELECT PNU FROM parcels LIMIT 3) SELECT t.PNU FROM t JOIN parcels p ON p.PNU = t.PNU -- a comment"',
  "sql \"WITH copies(k, label) AS (VALUES (1, 'a'), (2, 'b')) SELECT p.PNU, c.k FROM parcels p, copies c LIMIT 4\"",
  "sql \"SELECT 'ATTACH' AS word, '; DROP TABLE parcels' AS x FROM parcels LIMIT 1\"",
];

let core: HostCore;
beforeAll(async () => {
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: tempDir('inject') });
});
afterAll(async () => core.close());

const objects = async () =>
  (
    await core.engine.rows<{ n: string }>(
      'SELECT table_name AS n FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY n',
    )
  ).map((r) => r.n);

describe('injection corpus', () => {
  it.each(REFUSED)('refused by the host with a located error: %s', async (dsl, why) => {
    const before = await objects();
    const outcome = await core.queries.run(dsl);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.status).toBe(400);
    const errors = (outcome.error.diagnostics ?? []).filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map(formatDiagnostic).join('\n')).toMatch(why);
    for (const d of errors) expect(d.line).toBeGreaterThan(0);
    expect(await objects()).toEqual(before);
  });

  it.each(RUNS)('one read-only SELECT that runs and changes nothing: %s', async (dsl) => {
    const r = compile(dsl, core.catalog());
    expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    const sql = r.sql!;
    // DuckDB's own parser sees exactly one statement, and it is a SELECT
    const parser = await (await DuckDBInstance.create(':memory:')).connect();
    const statements = await parser.extractStatements(sql);
    expect(statements.count).toBe(1);
    expect(sql.trimStart()).toMatch(/^(WITH|SELECT)\b/);
    const before = await objects();
    const outcome = await core.queries.run(dsl);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) await new Response(outcome.body).arrayBuffer();
    expect(await objects()).toEqual(before);
  });
});
