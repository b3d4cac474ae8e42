import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { literalSql } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { EncodingError, LineCountError, writeNumberedLines } from './cp949Lines';
import { JUSO_INDEX, jusoIndexFile, jusoIndexInfo } from './jusoIndexFile';
import { forEachJusoSource, JusoInputError, type JusoSource } from './jusoSources';

/**
 * `pilji juso`: reads the 도로명주소 한글 전체분 files (rnaddrkor_<시도>.txt, 24 columns, and
 * jibun_rnaddrkor_<시도>.txt, 14 columns; pipe-separated, cp949, no header) as they stream, and
 * writes the workspace's road-address index: one Parquet file, one row per live road address
 * (sgg, road, underground, bonbun, bubun → 대표지번 pnu, related pnus), with the vintage and the
 * counts in its key-value metadata. The lines are restaged as numbered UTF-8 (cp949Lines.ts) as
 * they stream; DuckDB then checks, types, joins and sorts them in parallel, spilling rather than
 * holding the country in memory, and any bad field is still refused by file and line. The new index replaces the old by a rename,
 * only once it is complete: a failed import leaves the one in use as it was.
 */
export interface JusoImportResult {
  file: string;
  /** live road addresses indexed */
  addresses: number;
  /** 관련지번 links to the addresses' other parcels */
  relatedParcels: number;
  /** rows marked 폐지 (이동사유코드 63), left out */
  removed: number;
  /** 관련지번 rows whose address is not in the files given */
  orphanLinks: number;
  /** the latest 효력발생일 of the addresses, YYYYMMDD */
  vintage: string;
  files: number;
  seconds: number;
}

const ROAD_COLUMNS = 24;
const JIBUN_COLUMNS = 14;
const REMOVED = '63';

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
    throw new JusoInputError('no 도로명주소 DB in this workspace to update: import a full set (전체분) first');
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const staging = path.join(dir, `.import-${process.pid}`);
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(staging);
  const partial = path.join(dir, `.${JUSO_INDEX}.${process.pid}.partial`);
  // The files' lines, numbered and in UTF-8, are staged for DuckDB, which checks, joins and sorts them.
  const roadsOut = createWriteStream(path.join(staging, 'roads.csv'));
  const linksOut = createWriteStream(path.join(staging, 'links.csv'));
  try {
    const labels: string[] = [];
    const files = await forEachJusoSource(inputs, async (source) => {
      labels.push(source.label);
      const columns = source.kind === 'road' ? ROAD_COLUMNS : JIBUN_COLUMNS;
      try {
        await writeNumberedLines(await source.open(), source.kind === 'road' ? roadsOut : linksOut, labels.length - 1, columns);
      } catch (e) {
        if (e instanceof LineCountError)
          throw located(
            source,
            e.line,
            `${e.columns} columns, not ${columns} (${source.kind === 'road' ? '도로명주소 한글' : '관련지번'} layout)`,
          );
        if (e instanceof EncodingError) throw located(source, e.line, 'the text is not cp949 (the encoding the files are published in)');
        throw e;
      }
    });
    await Promise.all([roadsOut, linksOut].map((o) => new Promise<void>((res) => o.end(res))));
    if (files === 0) throw new JusoInputError(`no 도로명주소 한글 files (rnaddrkor_<시도>.txt) in ${inputs.join(', ')}`);
    const csv = (
      f: string,
      n: number,
    ) => `read_csv(${literalSql(path.join(staging, f))}, delim = '|', header = false, quote = '', escape = '', auto_detect = false,
      columns = {'f': 'INTEGER', 'line': 'BIGINT', ${Array.from({ length: n }, (_, i) => `'c${i + 1}': 'VARCHAR'`).join(', ')}})`;
    // typed once into Parquet (in parallel), with each row's first problem, so the checks and the join read it cheaply
    const stage = async (name: string, n: number, checks: Check[], select: string) => {
      await engine.exec(
        `COPY (SELECT f, line, ${problemSql(checks)} AS problem, ${select} FROM ${csv(`${name}.csv`, n)}) TO ${literalSql(path.join(staging, `${name}.parquet`))} (FORMAT parquet)`,
      );
      const [bad] = await engine.rows<{
        f: number;
        line: bigint;
        problem: string;
      }>(`SELECT f, line, problem FROM read_parquet(${literalSql(path.join(staging, `${name}.parquet`))})
        WHERE problem IS NOT NULL ORDER BY f, line LIMIT 1`);
      if (bad) throw new JusoInputError(`${labels[bad.f]}:${bad.line}: ${bad.problem}`);
    };
    await stage(
      'roads',
      ROAD_COLUMNS,
      [
        ID,
        ['c10', '도로명코드', 12],
        ['c12', '지하여부', 3, 'max'],
        ['c13', '건물본번', 99999, 'max'],
        ['c14', '건물부번', 99999, 'max'],
        ...LOT_CHECKS,
      ],
      `c1 AS id, left(c10, 5) AS sgg, regexp_replace(coalesce(c11, ''), '\\s+', '', 'g') AS road, TRY_CAST(c12 AS INTEGER) AS underground,
        TRY_CAST(c13 AS INTEGER) AS bonbun, TRY_CAST(c14 AS INTEGER) AS bubun, ${PNU_SQL} AS pnu, coalesce(nullif(c23, ''), nullif(c22, ''), '') AS name,
        coalesce(c5, '') AS emd, coalesce(c6, '') AS ri, coalesce(c3, '') AS sido, coalesce(c4, '') AS sgg_name, coalesce(c21, '') AS move, coalesce(c19, '') AS effective`,
    );
    await stage('links', JIBUN_COLUMNS, [ID, ...LOT_CHECKS], `c1 AS id, ${PNU_SQL} AS pnu, coalesce(c14, '') = '${REMOVED}' AS gone`);
    const roads = `read_parquet(${literalSql(path.join(staging, 'roads.parquet'))})`;
    const links = `(SELECT id, pnu FROM read_parquet(${literalSql(path.join(staging, 'links.parquet'))}) WHERE NOT gone)`;
    const [summary] = await engine.rows<{ removed: bigint; vintage: string | null }>(
      `SELECT count(*) FILTER (WHERE move = '${REMOVED}') AS removed, max(effective) FILTER (WHERE move <> '${REMOVED}') AS vintage FROM ${roads}`,
    );
    const removed = Number(summary!.removed);
    let vintage = summary!.vintage ?? '';
    // the links grouped by their address key alone (grouping by every column of the address is slower)
    const related = `SELECT l.id, string_agg(l.pnu, ' ' ORDER BY l.pnu) AS related
      FROM ${links} l JOIN ${roads} b ON l.id = b.id AND l.pnu <> b.pnu GROUP BY l.id`;
    const fresh = `SELECT b.sgg, b.road, b.underground, b.bonbun, b.bubun, b.pnu, coalesce(l.related, '') AS related,
        b.name, b.emd, b.ri, b.sido, b.sgg_name, b.id
      FROM ${roads} b LEFT JOIN (${related}) l ON l.id = b.id
      WHERE b.move <> '${REMOVED}'`;
    // an update keeps every address of the index in use that the change files do not name
    const kept = previous ? `SELECT * FROM read_parquet(${literalSql(target)}) WHERE id NOT IN (SELECT id FROM ${roads}) UNION ALL ` : '';
    // sorted straight to Parquet (no table in memory), counted from there, then copied once more with the counts in its metadata
    const sorted = path.join(staging, 'sorted.parquet');
    await engine.exec(`COPY (${kept}${fresh} ORDER BY sgg, road, underground, bonbun, bubun) TO ${literalSql(sorted)} (FORMAT parquet)`);
    const index = `read_parquet(${literalSql(sorted)})`;
    const [counts] = await engine.rows<{ addresses: bigint; links: bigint; orphans: bigint }>(`SELECT
      (SELECT count(*) FROM ${index}) AS addresses,
      (SELECT coalesce(sum(len(string_split(related, ' '))), 0) FROM ${index} WHERE related <> '')::BIGINT AS links,
      (SELECT count(*) FROM ${links} l ANTI JOIN ${roads} b ON l.id = b.id) AS orphans`);
    if (!counts || counts.addresses === 0n)
      throw new JusoInputError('the files hold no road address that is in use (rnaddrkor_<시도>.txt)');
    if (previous && previous.vintage > vintage) vintage = previous.vintage;
    const meta = {
      vintage,
      addresses: String(counts.addresses),
      related: String(counts.links),
      removed: String(removed),
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
    return { file: target, addresses, relatedParcels, removed, orphanLinks, vintage, files, seconds: (performance.now() - started) / 1000 };
  } finally {
    roadsOut.destroy();
    linksOut.destroy();
    await fs.rm(staging, { recursive: true, force: true });
    await fs.rm(partial, { force: true });
  }
}

function located(source: JusoSource, line: number, message: string): JusoInputError {
  return new JusoInputError(`${source.label}:${line}: ${message}`);
}

/** A column checked in SQL: exactly `n` digits, or ('max') a number up to `n`. */
type Check = [column: string, what: string, n: number, kind?: 'max'];

const ID: Check = ['c1', '도로명주소관리번호', 26];
/** The lot in columns 2..9 (법정동코드, 시도, 시군구, 읍면동, 리, 산여부, 본번, 부번), in both files. */
const LOT_CHECKS: Check[] = [
  ['c2', '법정동코드', 10],
  ['c7', '산여부', 0],
  ['c8', '지번본번', 9999, 'max'],
  ['c9', '지번부번', 9999, 'max'],
];
/** 산여부 is 0/1 in these files and 1/2 in a PNU. */
const PNU_SQL = `c2 || CASE c7 WHEN '1' THEN '2' ELSE '1' END || lpad(TRY_CAST(c8 AS INTEGER)::VARCHAR, 4, '0') || lpad(TRY_CAST(c9 AS INTEGER)::VARCHAR, 4, '0')`;

/** The first failing check of a row as the message it is refused with, NULL when it passes. */
function problemSql(checks: Check[]): string {
  const whens = checks.map(([c, what, n, kind]) => {
    const v = `coalesce(${c}, '')`;
    const quoted = `'${what} ''' || ${v} || ''''`;
    if (what === '산여부') return `WHEN ${v} NOT IN ('0', '1') THEN ${quoted} || ' is not 0 or 1'`;
    if (kind === 'max')
      return `WHEN NOT regexp_full_match(${v}, '[0-9]{1,9}') OR TRY_CAST(${v} AS BIGINT) > ${n} THEN ${quoted} || ' is not a number up to ${n}'`;
    return `WHEN NOT regexp_full_match(${v}, '[0-9]{${n}}') THEN ${quoted} || ' is not ${n} digits'`;
  });
  return `CASE ${whens.join(' ')} END`;
}
