import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../shared/dsl/diagnostics';
import { openHostCore, type HostCore } from '../../electron/host/hostCore';
import { paths } from '../../electron/host/paths';
import { tempDir } from '../store/synthFixtures';

/**
 * The `sql "..."` source is judged on DuckDB's own parse (json_serialize_sql) and described by
 * preparing it, so what a tokenizer of ours would misread cannot slip through. Each case below
 * was a working attack, or a sibling of one, against a home-made tokenizer and a DESCRIBE that ran
 * every statement in the text. None may read a file, write one, or change the host's objects.
 */
const workspace = tempDir('sql-attacks');
const secret = path.join(workspace, 'secret.csv');
const dropped = path.join(workspace, 'dropped.csv');
writeFileSync(secret, 'a,b\n1,top-secret\n');

const dsl = (sql: string) => `sql "${sql.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const ATTACKS: [string, string][] = [
  ['dollar-quoted path', `SELECT * FROM $$${secret}$$`],
  ['tagged dollar-quoted path', `SELECT * FROM $t$${secret}$t$`],
  ['quoted table function name', `SELECT * FROM "read_text"('${secret}')`],
  ['quoted scalar function name', `SELECT "read_text"('${secret}')`],
  ['carriage return ends a comment', `SELECT 1 AS a --\r, (SELECT content FROM read_text('${secret}')) AS b`],
  ['E-string escapes', `SELECT E'\\'' AS a, * FROM read_csv('${secret}')`],
  [
    'several statements through the describe',
    `SELECT $$'$$ AS a); COPY (SELECT 1) TO '${dropped}'; CREATE OR REPLACE VIEW parcels AS SELECT 1 AS x; SELECT * FROM (SELECT $$'$$ AS a`,
  ],
  ['statements after a semicolon', `SELECT 1; COPY (SELECT 1) TO '${dropped}'`],
  ['schema-qualified table function', `SELECT * FROM main.read_csv('${secret}')`],
  ['system view without parentheses', 'SELECT * FROM duckdb_tables'],
  ['information schema', 'SELECT * FROM information_schema.tables'],
  ['pg catalog', 'SELECT * FROM pg_catalog.pg_settings'],
  ['catalog-qualified view', 'SELECT * FROM memory.main.parcels'],
  ['a CTE that reads the table of its own name', 'WITH duckdb_tables AS (SELECT * FROM duckdb_tables) SELECT * FROM duckdb_tables'],
  ['a CTE seen outside its scope', 'SELECT * FROM (WITH duckdb_views AS (SELECT 1) SELECT 1), duckdb_views'],
  ['describe as a table', 'SELECT * FROM (DESCRIBE parcels)'],
  ['show as a table', 'SELECT * FROM (SHOW TABLES)'],
  ['summarize as a table', 'SELECT * FROM (SUMMARIZE parcels)'],
  ['a quoted file as a table', `SELECT * FROM '${secret}'`],
  ['a parameter', 'SELECT $1'],
  ['settings', "SELECT current_setting('allowed_directories')"],
  ['variables', "SELECT getvariable('x')"],
  ['a file function in a subquery', `SELECT * FROM parcels WHERE PNU IN (SELECT content FROM read_text('${secret}'))`],
  ['a file function in a lateral join', `SELECT * FROM parcels, LATERAL (SELECT * FROM read_blob('${secret}'))`],
  ['pragma', 'PRAGMA database_list'],
  ['set', "SET memory_limit = '100GB'"],
  ['attach', `ATTACH '${workspace}/x.duckdb'`],
  ['copy', `COPY parcels TO '${dropped}'`],
  ['create', 'CREATE OR REPLACE VIEW parcels AS SELECT 1 AS x'],
  ['export', `EXPORT DATABASE '${workspace}/db'`],
];

let core: HostCore;
beforeAll(async () => {
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: workspace });
});
afterAll(async () => core.close());

const objects = async () =>
  await core.engine.rows<{ n: string; sql: string }>(
    'SELECT view_name AS n, sql FROM duckdb_views() WHERE NOT internal UNION ALL SELECT table_name, sql FROM duckdb_tables() ORDER BY n',
  );

describe('sql source attacks', () => {
  it.each(ATTACKS)('%s: refused, located, nothing read, written or changed', async (_name, sql) => {
    const before = await objects();
    const outcome = await core.queries.run(dsl(sql));
    let body = '';
    if (outcome.ok) body = Buffer.from(await new Response(outcome.body).arrayBuffer()).toString('latin1');
    expect(outcome.ok, body).toBe(false);
    if (!outcome.ok) {
      expect(outcome.status).toBe(400);
      const errors = (outcome.error.diagnostics ?? []).filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const d of errors) expect(formatDiagnostic(d)).toMatch(/^1:\d+: /);
    }
    expect(existsSync(dropped)).toBe(false);
    expect(await objects()).toEqual(before);
  });

  it('the same text with a model and parcels still runs', async () => {
    const outcome = await core.queries.run(dsl("SELECT $$x$$ AS a, PNU FROM parcels WHERE JIBUN LIKE E'%' LIMIT 2"));
    expect(outcome.ok).toBe(true);
    if (outcome.ok) await new Response(outcome.body).arrayBuffer();
  });

  it('a located error points into the SQL text where DuckDB found the problem', async () => {
    const outcome = await core.queries.run(`sql "SELECT PNU,\n  read_text('x') AS t FROM parcels"`);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      const d = outcome.error.diagnostics!.find((x) => x.severity === 'error')!;
      expect([d.line, d.col]).toEqual([2, 3]);
      expect(d.message).toMatch(/function 'read_text' is not allowed/);
    }
  });
});
