import { createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import path from 'node:path';
import { literalSql } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { EncodingError, LineCountError, writeNumberedLines } from './cp949Lines';
import { JUSO_INDEX, jusoIndexFile, jusoIndexInfo, type JusoIndexInfo } from './jusoIndexFile';
import { checkFailure, JUSO_LAYOUTS, problemSql, REMOVED, type StagedFile } from './jusoLayouts';
import type { ImportFailureReason } from '../../shared/api/importFailure';
import { familyOf, jusoSources, JusoInputError, type JusoFamily, type JusoFileKind, type JusoSource } from './jusoSources';

/**
 * `pilji juso`: reads a 도로명주소 DB as it streams, in either family (jusoLayouts.ts): 도로명주소
 * 한글 (rnaddrkor_/jibun_rnaddrkor_<시도>.txt) or 주소DB (주소_/지번_/부가정보_<시도>.txt and
 * 개선_도로명코드_전체분.txt); pipe-separated, cp949, no header. It writes the workspace's
 * road-address index: one Parquet file, one row per live road address (sgg, road, underground,
 * bonbun, bubun → 대표지번 pnu, related pnus), with the vintage, the counts and the family in its
 * key-value metadata. The lines are restaged as numbered UTF-8 (cp949Lines.ts) as they stream;
 * DuckDB then checks, types, joins and sorts them in parallel, spilling rather than holding the
 * country in memory, and any bad field is still refused by file and line. Both families become
 * the same two relations (roads, links) and from there one path builds the index. The new index
 * replaces the old by a rename, only once it is complete: a failed import leaves the one in use as it was.
 */
export interface JusoImportResult {
  file: string;
  family: JusoFamily;
  /** live road addresses indexed */
  addresses: number;
  /** 관련지번 links to the addresses' other parcels */
  relatedParcels: number;
  /** rows marked 폐지 (이동사유코드/변경사유코드 63), left out */
  removed: number;
  /** 관련지번 rows whose address is not in the files given */
  orphanLinks: number;
  /** live addresses left out for want of their 대표지번 or road name (주소DB: no 대표여부 1 row, no road-name code row) */
  incomplete: number;
  /** the latest 효력발생일 (고시일자) of the addresses, YYYYMMDD */
  vintage: string;
  files: number;
  seconds: number;
}

export interface JusoImportOptions {
  /**
   * Daily change files (이동사유코드 31 신규, 34 수정, 63 폐지) applied on top of the index in use:
   * each address named is replaced by its new row, or removed; the others stay as they were.
   */
  update?: boolean;
}

export async function importJuso(
  inputs: string[],
  workspaceDir: string,
  engine: Engine,
  options: JusoImportOptions = {},
): Promise<JusoImportResult> {
  const started = performance.now();
  const target = jusoIndexFile(workspaceDir);
  const previous = options.update ? await jusoIndexInfo(engine, workspaceDir) : null;
  if (options.update && !previous)
    throw new JusoInputError('no 도로명주소 DB in this workspace to update: import a full set (전체분) first', 'juso_no_index');
  const found = await jusoSources(inputs);
  try {
    const family = familyOf(found.sources, inputs, options.update === true);
    // change files of the other family would name addresses by keys the index does not have (26 and 25 digits)
    if (previous && previous.family !== family)
      throw new JusoInputError(
        `${found.sources[0]!.label}: ${FAMILY_NAMES[family]} change files cannot update an index made from ${FAMILY_NAMES[previous.family]}`,
        'juso_family_mismatch',
        { file: found.sources[0]!.label, family: FAMILY_NAMES[family], index: FAMILY_NAMES[previous.family] },
      );
    return await build(found.sources, family, target, engine, previous, started);
  } finally {
    found.close();
  }
}

const FAMILY_NAMES: Readonly<Record<JusoFamily, string>> = { hangul: '도로명주소 한글', addressDb: '주소DB' };

async function build(
  sources: JusoSource[],
  family: JusoFamily,
  target: string,
  engine: Engine,
  previous: JusoIndexInfo | null,
  started: number,
): Promise<JusoImportResult> {
  const update = previous !== null;
  const layout = JUSO_LAYOUTS[family];
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const staging = path.join(dir, `.import-${process.pid}`);
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(staging);
  const partial = path.join(dir, `.${JUSO_INDEX}.${process.pid}.partial`);
  // The files' lines, numbered and in UTF-8, are staged for DuckDB, one file per kind, which checks, joins and sorts them.
  const outs = new Map<JusoFileKind, WriteStream>(
    layout.files.map((f) => [f.kind, createWriteStream(path.join(staging, `${f.kind}.csv`))]),
  );
  try {
    const labels: string[] = [];
    for (const source of sources) {
      labels.push(source.label);
      const file = layout.files.find((f) => f.kind === source.kind)!;
      try {
        await writeNumberedLines(await source.open(), outs.get(source.kind)!, labels.length - 1, file.columns);
      } catch (e) {
        if (e instanceof LineCountError)
          throw located(source.label, e.line, `${e.columns} columns, not ${file.columns} (${file.label} layout)`, 'juso_bad_columns', {
            columns: e.columns,
            expected: file.columns,
            layout: file.label,
          });
        if (e instanceof EncodingError)
          throw located(source.label, e.line, 'the text is not cp949 (the encoding the files are published in)', 'juso_bad_encoding');
        throw e;
      }
    }
    await Promise.all([...outs.values()].map((o) => new Promise<void>((res) => o.end(res))));
    const staged = (kind: JusoFileKind) => `read_parquet(${literalSql(path.join(staging, `${kind}.parquet`))})`;
    // typed once into Parquet (in parallel), with each row's first problem, so the checks and the join read it cheaply
    for (const file of layout.files) await stage(engine, staging, file, labels);
    const relations = layout.relations(
      staged,
      update && family === 'addressDb' ? `(SELECT DISTINCT road_code, road FROM read_parquet(${literalSql(target)}))` : null,
    );
    let roads = relations.roads;
    if (roads !== staged(family === 'hangul' ? 'road' : 'address')) {
      // the joined addresses are read several times below: written once
      await engine.exec(`COPY (SELECT * FROM ${roads}) TO ${literalSql(path.join(staging, 'joined.parquet'))} (FORMAT parquet)`);
      roads = `read_parquet(${literalSql(path.join(staging, 'joined.parquet'))})`;
    }
    const links = `(SELECT id, pnu FROM ${relations.links} WHERE NOT gone)`;
    const live = `move <> '${REMOVED}'`;
    const [summary] = await engine.rows<{ removed: bigint; incomplete: bigint; vintage: string | null }>(
      `SELECT count(*) FILTER (WHERE NOT ${live}) AS removed, count(*) FILTER (WHERE ${live} AND (pnu IS NULL OR road IS NULL)) AS incomplete,
        max(effective) FILTER (WHERE ${live}) AS vintage FROM ${roads}`,
    );
    const removed = Number(summary!.removed);
    const incomplete = Number(summary!.incomplete);
    let vintage = summary!.vintage ?? '';
    // the links grouped by their address key alone (grouping by every column of the address is slower)
    // distinct pairs first and a plain string_agg: a DISTINCT or ordered aggregate keeps per-group
    // state DuckDB cannot spill (the loader orders each address's parcels)
    const related = `SELECT id, string_agg(pnu, ' ') AS related FROM (SELECT DISTINCT l.id, l.pnu
      FROM ${links} l JOIN ${roads} b ON l.id = b.id AND l.pnu <> b.pnu) GROUP BY id`;
    // grouped into a file of their own first: joined and sorted in one statement, the national set
    // (~6M addresses) held ~3 GB, as the grouping's states cannot spill while the sort runs
    const relatedFile = path.join(staging, 'related.parquet');
    await engine.exec(`COPY (${related}) TO ${literalSql(relatedFile)} (FORMAT parquet)`);
    const fresh = `SELECT b.sgg, b.road, b.underground, b.bonbun, b.bubun, b.pnu, coalesce(l.related, '') AS related,
        b.name, b.emd, b.ri, b.sido, b.sgg_name, b.id, b.road_code
      FROM ${roads} b LEFT JOIN read_parquet(${literalSql(relatedFile)}) l ON l.id = b.id
      WHERE b.${live} AND b.pnu IS NOT NULL AND b.road IS NOT NULL`;
    // an update keeps every address of the index in use that the change files do not name
    const kept = update
      ? `SELECT * FROM read_parquet(${literalSql(target)}) WHERE id NOT IN (SELECT id FROM ${roads}) UNION ALL BY NAME `
      : '';
    // sorted straight to Parquet (no table in memory), counted from there, then copied once more with the counts in its metadata
    const sorted = path.join(staging, 'sorted.parquet');
    await engine.exec(`COPY (${kept}${fresh} ORDER BY sgg, road, underground, bonbun, bubun) TO ${literalSql(sorted)} (FORMAT parquet)`);
    const index = `read_parquet(${literalSql(sorted)})`;
    const [counts] = await engine.rows<{ addresses: bigint; links: bigint; orphans: bigint }>(`SELECT
      (SELECT count(*) FROM ${index}) AS addresses,
      (SELECT coalesce(sum(len(string_split(related, ' '))), 0) FROM ${index} WHERE related <> '')::BIGINT AS links,
      (SELECT count(*) FROM ${links} l ANTI JOIN ${roads} b ON l.id = b.id) AS orphans`);
    if (!counts || counts.addresses === 0n)
      throw new JusoInputError(`the files hold no road address that is in use (${sources[0]!.label}, …)`, 'juso_empty', {
        file: sources[0]!.label,
      });
    if (previous && previous.vintage > vintage) vintage = previous.vintage;
    const meta = {
      vintage,
      addresses: String(counts.addresses),
      related: String(counts.links),
      removed: String(removed),
      family,
      importedAt: new Date().toISOString(),
    };
    await engine.exec(`COPY (SELECT * FROM ${index}) TO ${literalSql(partial)}
      (FORMAT parquet, COMPRESSION zstd, KV_METADATA {${Object.entries(meta)
        .map(([k, v]) => `${k}: ${literalSql(v)}`)
        .join(', ')}})`);
    const addresses = Number(counts.addresses);
    const relatedParcels = Number(counts.links);
    const orphanLinks = Number(counts.orphans);
    await fs.rename(partial, target);
    const seconds = (performance.now() - started) / 1000;
    return { file: target, family, addresses, relatedParcels, removed, orphanLinks, incomplete, vintage, files: sources.length, seconds };
  } finally {
    for (const o of outs.values()) o.destroy();
    await fs.rm(staging, { recursive: true, force: true });
    await fs.rm(partial, { force: true });
  }
}

/** One kind's staged lines typed into Parquet with each row's first problem; the first bad row refuses the import, by file and line. */
async function stage(engine: Engine, staging: string, file: StagedFile, labels: string[]): Promise<void> {
  const csv = `read_csv(${literalSql(path.join(staging, `${file.kind}.csv`))}, delim = '|', header = false, quote = '', escape = '', auto_detect = false,
    columns = {'f': 'INTEGER', 'line': 'BIGINT', ${Array.from({ length: file.columns }, (_, i) => `'c${i + 1}': 'VARCHAR'`).join(', ')}})`;
  const parquet = literalSql(path.join(staging, `${file.kind}.parquet`));
  await engine.exec(`COPY (SELECT f, line, ${problemSql(file.checks)}, ${file.select} FROM ${csv}) TO ${parquet} (FORMAT parquet)`);
  const [bad] = await engine.rows<{ f: number; line: bigint; problem: number; problem_value: string }>(
    `SELECT f, line, problem, problem_value FROM read_parquet(${parquet}) WHERE problem IS NOT NULL ORDER BY f, line LIMIT 1`,
  );
  if (bad) {
    const failure = checkFailure(file.checks[bad.problem]!, bad.problem_value);
    throw located(labels[bad.f]!, bad.line, failure.message, failure.reason, failure.params);
  }
}

/** A bad row's refusal: located by file and line, worded by its reason. */
function located(
  label: string,
  line: number | bigint,
  message: string,
  reason: ImportFailureReason,
  params: Record<string, string | number> = {},
): JusoInputError {
  return new JusoInputError(`${label}:${line}: ${message}`, reason, { file: `${label}:${line}`, ...params });
}
