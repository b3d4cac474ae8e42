import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { JusoDbInfo } from '../../shared/api/contract';
import { RoadIndex, type RoadColumns, type RoadSgg } from '../../shared/address/roadIndex';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';

/** The workspace's road-address index, written by `pilji juso` (jusoImport.ts). */
export const JUSO_INDEX = 'juso.parquet';

export function jusoIndexFile(workspaceDir: string): string {
  return path.join(workspaceDir, 'juso', JUSO_INDEX);
}

/** What the index holds, from its metadata: shown like the code table's vintage and counts. */
export type JusoIndexInfo = JusoDbInfo;

export async function jusoIndexInfo(engine: Engine, workspaceDir: string): Promise<JusoIndexInfo | null> {
  const file = jusoIndexFile(workspaceDir);
  if (!statSync(file, { throwIfNoEntry: false })) return null;
  const rows = await engine.rows<{ k: string; v: string }>(
    `SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${literalSql(file)})`,
  );
  const m = new Map(rows.map((r) => [r.k, r.v]));
  return {
    // an index from before the 주소DB was read is a 도로명주소 한글 one
    family: m.get('family') === 'addressDb' ? 'addressDb' : 'hangul',
    vintage: m.get('vintage') ?? '',
    addresses: Number(m.get('addresses') ?? 0),
    related: Number(m.get('related') ?? 0),
    removed: Number(m.get('removed') ?? 0),
    importedAt: m.get('importedAt') ?? '',
  };
}

const cache = new Map<string, { stamp: number; index: RoadIndex }>();

/** Changes whenever the workspace's 도로명주소 index is replaced or updated ('none' without one). */
export function jusoIndexStamp(workspaceDir: string): string {
  const st = statSync(jusoIndexFile(workspaceDir), { throwIfNoEntry: false });
  return st ? String(st.mtimeMs) : 'none';
}

/** The index in memory, read once per file version; null when no 도로명주소 DB was imported. */
export async function loadRoadIndex(engine: Engine, workspaceDir: string): Promise<RoadIndex | null> {
  const file = jusoIndexFile(workspaceDir);
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) return null;
  const hit = cache.get(file);
  if (hit?.stamp === st.mtimeMs) return hit.index;
  const info = await jusoIndexInfo(engine, workspaceDir);
  const index = new RoadIndex(
    await readColumns(engine, file),
    await engine.rows<RoadSgg>(`SELECT DISTINCT sgg AS code, sido, sgg_name AS sgg FROM read_parquet(${literalSql(file)})`),
    info?.vintage ?? '',
  );
  cache.set(file, { stamp: st.mtimeMs, index });
  return index;
}

/** The index's rows as columns, with their roads, names and places numbered by DuckDB, and those strings. */
async function readDictionaries(engine: Engine, file: string) {
  // The import writes the file sorted by (sgg, road, underground, bonbun, bubun), so its row
  // number is the index's order: no window or sort over the whole file (at national size, ~6M
  // rows, those ran DuckDB out of memory).
  const f = `read_parquet(${literalSql(file)}, file_row_number = true)`;
  // each dictionary (distinct roads, names, places, numbered in order) is made once, as a table
  // the strings are read from and the rows joined to; a connection's temp tables would not outlive its query
  const run = randomUUID().replace(/-/g, '');
  const dictionaries = { road: "sgg || '|' || road", name: 'name', place: "emd || '|' || ri" };
  const table = (key: keyof typeof dictionaries) => quoteIdent(`__juso_${key}_${run}`);
  try {
    for (const [key, expr] of Object.entries(dictionaries) as [keyof typeof dictionaries, string][])
      await engine.exec(
        `CREATE TABLE ${table(key)} AS SELECT s, (row_number() OVER (ORDER BY s) - 1)::INTEGER AS id FROM (SELECT DISTINCT ${expr} AS s FROM ${f})`,
      );
    const strings = async (key: keyof typeof dictionaries) =>
      (await engine.rows<{ s: string }>(`SELECT s FROM ${table(key)} ORDER BY id`)).map((r) => r.s);
    const [roads, names, places] = [await strings('road'), await strings('name'), await strings('place')];
    const main = await columnsOf(
      engine,
      `SELECT r.id AS road, (underground * 1e10 + bonbun * 1e5 + bubun)::DOUBLE AS number, left(pnu, 10)::DOUBLE AS bjd,
        substr(pnu, 11)::INTEGER AS lot, n.id AS name, p.id AS place,
        (CASE WHEN related = '' THEN 0 ELSE len(string_split(related, ' ')) END)::INTEGER AS related
      FROM ${f} a JOIN ${table('road')} r ON r.s = a.sgg || '|' || a.road
        JOIN ${table('name')} n ON n.s = a.name JOIN ${table('place')} p ON p.s = a.emd || '|' || a.ri
      ORDER BY a.file_row_number`,
      {
        road: Int32Array,
        number: Float64Array,
        bjd: Float64Array,
        lot: Int32Array,
        name: Int32Array,
        place: Int32Array,
        related: Int32Array,
      },
    );
    return { roads, names, places, main };
  } finally {
    for (const key of Object.keys(dictionaries) as (keyof typeof dictionaries)[]) await engine.exec(`DROP TABLE IF EXISTS ${table(key)}`);
  }
}

/**
 * The index file as columns: DuckDB numbers the roads, names and places and splits the PNUs, so
 * what crosses into JS is typed arrays (Arrow) and the distinct strings, never an object per address.
 */
async function readColumns(engine: Engine, file: string): Promise<RoadColumns> {
  const f = `read_parquet(${literalSql(file)}, file_row_number = true)`;
  const { roads, names, places, main } = await readDictionaries(engine, file);
  const rel = await columnsOf(
    engine,
    `SELECT left(p, 10)::DOUBLE AS bjd, substr(p, 11)::INTEGER AS lot
    FROM (SELECT i, unnest(l) AS p
      FROM (SELECT file_row_number AS i, string_split(related, ' ') AS l FROM ${f} WHERE related <> '')) ORDER BY i, p`,
    { bjd: Float64Array, lot: Int32Array },
  );
  const n = main.number!.length;
  const roadStart = new Int32Array(roads.length + 1);
  const relStart = new Int32Array(n + 1);
  const road = main.road as Int32Array;
  const relCount = main.related as Int32Array;
  const number = main.number as Float64Array;
  roadStart.fill(-1);
  for (let i = 0; i < n; i++) {
    if (i === 0 || road[i] !== road[i - 1]) {
      // a file not in key order would make lookups miss: refuse it rather than answer wrongly
      if (roadStart[road[i]!] !== -1) throw new Error(`the 도로명주소 index ${file} is not in key order: import it again`);
      roadStart[road[i]!] = i;
    } else if (number[i]! < number[i - 1]!) throw new Error(`the 도로명주소 index ${file} is not in key order: import it again`);
    relStart[i + 1] = relStart[i]! + relCount[i]!;
  }
  roadStart[roads.length] = n;
  return {
    roads,
    roadStart,
    number,
    bjd: main.bjd as Float64Array,
    lot: main.lot as Int32Array,
    relStart,
    relBjd: rel.bjd as Float64Array,
    relLot: rel.lot as Int32Array,
    name: main.name as Int32Array,
    names,
    place: main.place as Int32Array,
    places,
  };
}

/** Numeric columns of a query, each gathered from its Arrow batches into one typed array of the kind given. */
async function columnsOf<K extends string>(
  engine: Engine,
  sql: string,
  kinds: Record<K, Int32ArrayConstructor | Float64ArrayConstructor>,
): Promise<Record<K, Int32Array | Float64Array>> {
  const names = Object.keys(kinds) as K[];
  const parts = new Map<K, ArrayLike<number>[]>(names.map((c) => [c, []]));
  for await (const batch of (await engine.stream(sql, { batchRows: 1 << 17 })).batches) {
    for (const c of names) parts.get(c)!.push(batch.getChild(c)!.toArray() as ArrayLike<number>);
  }
  const out = {} as Record<K, Int32Array | Float64Array>;
  for (const c of names) {
    const list = parts.get(c)!;
    const all = new kinds[c](list.reduce((s, a) => s + a.length, 0));
    let at = 0;
    for (const a of list) {
      all.set(a, at);
      at += a.length;
    }
    out[c] = all;
  }
  return out;
}
