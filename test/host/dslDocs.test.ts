import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostCore, type HostCore } from '../../electron/host/hostCore';
import { paths } from '../../electron/host/paths';
import { importJuso } from '../../electron/juso/jusoImport';
import { literalSql } from '../../shared/dsl/sqlgen';
import { tempDir } from '../store/synthFixtures';

/** Every ```pilji block of docs/dsl.md runs on the sample store (with the model the text describes) and returns rows. */
const doc = readFileSync(new URL('../../docs/dsl.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```pilji\n([\s\S]*?)```/g)].map((m) => m[1]!);

let core: HostCore;
const workspace = tempDir('dsl-docs');
beforeAll(async () => {
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: workspace });
  const file = `${workspace}/용도.parquet`;
  await core.engine.exec(`COPY (SELECT * FROM (VALUES ('대', '대지'), ('전', '밭')) AS t(JIMOK, 설명)) TO '${file}' (FORMAT parquet)`);
  await core.addModel('용도', file);
  // the road-name example: the sample 도로명주소 DB and the sample's mixed 지번/도로명 list
  await importJuso([path.join(paths.assets(), 'sample', 'juso')], workspace, core.engine);
  const list = `${workspace}/도로명목록.parquet`;
  copyFileSync(path.join(paths.assets(), 'sample', 'addresses_mixed.csv'), `${workspace}/도로명목록.csv`);
  await core.engine.exec(
    `COPY (SELECT * FROM read_csv(${literalSql(`${workspace}/도로명목록.csv`)}, all_varchar = true)) TO ${literalSql(list)} (FORMAT parquet)`,
  );
  await core.addModel('도로명목록', list);
});
afterAll(async () => core.close());

describe('the runnable examples of docs/dsl.md', () => {
  it('there are examples of each new feature to run', () => {
    for (const word of [
      'parcels=all',
      'join left',
      'append (',
      'over (',
      'let ',
      'if(',
      "'중형', '소형')",
      'cast(',
      'matches(',
      'extract(',
      'year(',
      'distinct',
      'sample',
      'sample 10%',
      'area(',
      'centroid(',
      'buffer(',
    ]) {
      expect(
        blocks.some((b) => b.includes(word)),
        word,
      ).toBe(true);
    }
  });

  it.each(
    blocks.map((b) => [
      b
        .split('\n')
        .find((l) => l.startsWith('|'))
        ?.trim() ?? b,
      b,
    ]),
  )('%s', async (_, dsl) => {
    const outcome = await core.queries.run(dsl);
    if (!outcome.ok) throw new Error(`${outcome.error.error}\n${dsl}`);
    expect(tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer())).numRows).toBeGreaterThan(0);
  });
});
