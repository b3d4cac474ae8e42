import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHostCore } from '../../electron/host/hostCore';
import { importShapefiles } from '../../electron/store/import/importer';
import { attachStore, parcelsSql } from '../../electron/store/storeCatalog';
import { tableFromIPC } from 'apache-arrow';
import { bjdFile, tempDir } from './synthFixtures';
import { writeSparkLayout } from './sparkLayoutFixture';

describe('an existing Spark (Hive) layout folder', async () => {
  const dir = path.join(tempDir('spark'), 'parcels');
  mkdirSync(dir);
  await writeSparkLayout(dir);
  const core = await openHostCore({ storeDir: dir, workspaceDir: tempDir('spark-ws') });

  it('attaches read-only with the store columns and its regions counted', () => {
    const info = core.store()!;
    expect(info.readOnly).toBe(true);
    expect(info.rows).toBe(4000);
    expect(info.partitions.map((p) => `${p.sido} ${p.sgg}`)).toContain('서울특별시 종로구');
  });

  it('answers the same DSL queries as a Pilji store', async () => {
    const out = await core.queries.run("parcels | where SGG_NM == '종로구' and RI_NM is null | stats count() by SGG_NM");
    expect(out.ok).toBe(true);
    const body = out.ok ? new Uint8Array(await new Response(out.body).arrayBuffer()) : new Uint8Array();
    const t = tableFromIPC(body);
    expect(Number(t.getChild('count')!.get(0))).toBe(1500);
    const geo = await core.queries.run("parcels | where SGG_NM == '중구' | take 3");
    const g = geo.ok ? tableFromIPC(new Uint8Array(await new Response(geo.body).arrayBuffer())) : null;
    expect(g!.getChild('geometry')!.get(0)).toBeInstanceOf(Uint8Array);
  });

  it('a join reads only the SI_NM=/SGG_NM= folders of the 시군구 its addresses name, as Spark prunes', async () => {
    const info = core.store()!;
    const jongno = info.partitions.find((p) => p.sgg === '종로구')!;
    expect(jongno.key).toBe('11110');
    const attached = await attachStore(core.engine, dir);
    const sql = parcelsSql(dir, attached, new Set(['11110']), info);
    expect(sql).toContain(`${path.join(dir, 'SI_NM=서울특별시', 'SGG_NM=종로구')}/**/*.parquet`);
    expect(sql).not.toContain('SGG_NM=중구');
    const [r] = await core.engine.rows<{ n: number; sgg: string }>(`SELECT count(*)::INTEGER AS n, any_value(SGG_NM) AS sgg FROM (${sql})`);
    expect(r).toEqual({ n: 1500, sgg: '종로구' });
    expect(await core.engine.rows(`SELECT count(*) AS n FROM (${parcelsSql(dir, attached, new Set(), info)})`)).toEqual([{ n: 0n }]);
  });

  it('refuses imports into it', async () => {
    await expect(importShapefiles({ inputs: [dir], storeDir: dir, bjdFile })).rejects.toThrow(/Spark \(Hive\) layout, attached read-only/);
  });
});
