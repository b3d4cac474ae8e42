import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { literalSql } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { ParquetWriter } from '../store/parquet/parquetWriter';
import { JUSO_INDEX, jusoIndexFile, jusoIndexInfo } from './jusoIndexFile';
import { forEachJusoSource, JusoInputError, type JusoSource } from './jusoSources';

/**
 * `pilji juso`: reads the 도로명주소 한글 전체분 files (rnaddrkor_<시도>.txt, 24 columns, and
 * jibun_rnaddrkor_<시도>.txt, 14 columns; pipe-separated, cp949, no header) as they stream, and
 * writes the workspace's road-address index: one Parquet file, one row per live road address
 * (sgg, road, underground, bonbun, bubun → 대표지번 pnu, related pnus), with the vintage and the
 * counts in its key-value metadata. The rows are staged to Parquet as they are read and joined in
 * DuckDB, so memory does not grow with the country. The new index replaces the old by a rename,
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

export async function importJuso(inputs: string[], workspaceDir: string, engine: Engine, options: JusoImportOptions = {}): Promise<JusoImportResult> {
  const started = performance.now();
  const target = jusoIndexFile(workspaceDir);
  const previous = options.update ? await jusoIndexInfo(engine, workspaceDir) : null;
  if (options.update && !previous) throw new JusoInputError('no 도로명주소 DB in this workspace to update: import a full set (전체분) first');
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const staging = path.join(dir, `.import-${process.pid}`);
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(staging);
  const partial = path.join(dir, `.${JUSO_INDEX}.${process.pid}.partial`);
  try {
    const roads = new ParquetWriter(path.join(staging, 'roads.parquet'), [
      { name: 'id', type: 'string' }, { name: 'sgg', type: 'string' }, { name: 'road', type: 'string' }, { name: 'underground', type: 'int32' },
      { name: 'bonbun', type: 'int32' }, { name: 'bubun', type: 'int32' }, { name: 'pnu', type: 'string' }, { name: 'name', type: 'string' },
      { name: 'emd', type: 'string' }, { name: 'ri', type: 'string' }, { name: 'sido', type: 'string' }, { name: 'sgg_name', type: 'string' },
      { name: 'move', type: 'string' },
    ]);
    const links = new ParquetWriter(path.join(staging, 'links.parquet'), [{ name: 'id', type: 'string' }, { name: 'pnu', type: 'string' }]);
    let removed = 0;
    let vintage = '';
    let addresses = 0;
    let relatedParcels = 0;
    let orphanLinks = 0;
    const files = await forEachJusoSource(inputs, async (source) => {
      const kind = source.kind;
      for await (const [f, at] of fieldsOf(source)) {
        if (kind === 'road') {
          if (f.length !== ROAD_COLUMNS) throw located(source, at, `${f.length} columns, not ${ROAD_COLUMNS} (도로명주소 한글 layout)`);
          // a 폐지 row is kept in staging only to remove its address from an index being updated
          if (f[20] === REMOVED) removed++;
          const v = roads.values;
          v[0]!.string(key(source, at, f[0]!, 26, '도로명주소관리번호'));
          v[1]!.string(key(source, at, f[9]!, 12, '도로명코드').slice(0, 5));
          v[2]!.string(f[10]!.replace(/\s+/g, ''));
          v[3]!.int32(int(source, at, f[11]!, '지하여부', 3));
          v[4]!.int32(int(source, at, f[12]!, '건물본번', 99999));
          v[5]!.int32(int(source, at, f[13]!, '건물부번', 99999));
          v[6]!.string(pnuOf(source, at, f, 1));
          v[7]!.string(f[22] || f[21] || '');
          v[8]!.string(f[4]!);
          v[9]!.string(f[5]!);
          v[10]!.string(f[2]!);
          v[11]!.string(f[3]!);
          v[12]!.string(f[20]!);
          if (f[20] !== REMOVED && f[18]! > vintage) vintage = f[18]!;
          if (roads.pending >= 100_000) roads.flushRowGroup();
        } else {
          if (f.length !== JIBUN_COLUMNS) throw located(source, at, `${f.length} columns, not ${JIBUN_COLUMNS} (관련지번 layout)`);
          if (f[13] === REMOVED) continue;
          links.values[0]!.string(key(source, at, f[0]!, 26, '도로명주소관리번호'));
          links.values[1]!.string(pnuOf(source, at, f, 1));
          if (links.pending >= 100_000) links.flushRowGroup();
        }
      }
    });
    roads.close();
    links.close();
    if (files === 0) throw new JusoInputError(`no 도로명주소 한글 files (rnaddrkor_<시도>.txt) in ${inputs.join(', ')}`);
    const r = (f: string) => `read_parquet(${literalSql(path.join(staging, f))})`;
    // the links grouped by their address key alone (grouping by every column of the address is slower)
    const related = `SELECT l.id, string_agg(l.pnu, ' ' ORDER BY l.pnu) AS related
      FROM ${r('links.parquet')} l JOIN ${r('roads.parquet')} b ON l.id = b.id AND l.pnu <> b.pnu GROUP BY l.id`;
    const fresh = `SELECT b.sgg, b.road, b.underground, b.bonbun, b.bubun, b.pnu, coalesce(l.related, '') AS related,
        b.name, b.emd, b.ri, b.sido, b.sgg_name, b.id
      FROM ${r('roads.parquet')} b LEFT JOIN (${related}) l ON l.id = b.id
      WHERE b.move <> '${REMOVED}'`;
    // an update keeps every address of the index in use that the change files do not name
    const kept = previous ? `SELECT * FROM read_parquet(${literalSql(target)}) WHERE id NOT IN (SELECT id FROM ${r('roads.parquet')}) UNION ALL ` : '';
    const table = `juso_import_${process.pid}`;
    await engine.exec(`CREATE OR REPLACE TABLE ${table} AS ${kept}${fresh}`);
    try {
      const [counts] = await engine.rows<{ addresses: bigint; links: bigint; orphans: bigint }>(`SELECT
        (SELECT count(*) FROM ${table}) AS addresses,
        (SELECT coalesce(sum(len(string_split(related, ' '))), 0) FROM ${table} WHERE related <> '')::BIGINT AS links,
        (SELECT count(*) FROM ${r('links.parquet')} l ANTI JOIN ${r('roads.parquet')} b ON l.id = b.id) AS orphans`);
      if (!counts || counts.addresses === 0n) throw new JusoInputError('the files hold no road address that is in use (rnaddrkor_<시도>.txt)');
      if (previous && previous.vintage > vintage) vintage = previous.vintage;
      const meta = { vintage, addresses: String(counts.addresses), related: String(counts.links), removed: String(removed), importedAt: new Date().toISOString() };
      await engine.exec(`COPY (SELECT * FROM ${table} ORDER BY sgg, road, underground, bonbun, bubun)
        TO ${literalSql(partial)} (FORMAT parquet, COMPRESSION zstd, KV_METADATA {${Object.entries(meta).map(([k, v]) => `${k}: ${literalSql(v)}`).join(', ')}})`);
      addresses = Number(counts.addresses);
      relatedParcels = Number(counts.links);
      orphanLinks = Number(counts.orphans);
    } finally {
      await engine.exec(`DROP TABLE IF EXISTS ${table}`);
    }
    await fs.rename(partial, target);
    return { file: target, addresses, relatedParcels, removed, orphanLinks, vintage, files, seconds: (performance.now() - started) / 1000 };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
    await fs.rm(partial, { force: true });
  }
}

/** The lines of a file as fields, with their line numbers; cp949 (as published) or UTF-8 with a BOM. */
async function* fieldsOf(source: JusoSource): AsyncGenerator<[string[], number]> {
  const stream: Readable = await source.open();
  let decoder: TextDecoder | null = null;
  let rest = '';
  let line = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let bytes = chunk;
    if (!decoder) {
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      decoder = new TextDecoder(bom ? 'utf-8' : 'euc-kr', { fatal: true });
      if (bom) bytes = bytes.subarray(3);
    }
    let text: string;
    try {
      text = rest + decoder.decode(bytes, { stream: true });
    } catch {
      throw located(source, line + 1, 'the text is not cp949 (the encoding the files are published in)');
    }
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (const l of lines) {
      line++;
      const t = l.endsWith('\r') ? l.slice(0, -1) : l;
      if (t) yield [t.split('|'), line];
    }
  }
  if (rest.trim()) yield [rest.replace(/\r$/, '').split('|'), line + 1];
}

function located(source: JusoSource, line: number, message: string): JusoInputError {
  return new JusoInputError(`${source.label}:${line}: ${message}`);
}

function key(source: JusoSource, line: number, v: string, digits: number, what: string): string {
  if (v.length !== digits || !/^\d+$/.test(v)) throw located(source, line, `${what} '${v}' is not ${digits} digits`);
  return v;
}

function int(source: JusoSource, line: number, v: string, what: string, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > max) throw located(source, line, `${what} '${v}' is not a number up to ${max}`);
  return n;
}

/**
 * The PNU of the lot in columns at+1..at+8 (법정동코드, 시도, 시군구, 읍면동, 리, 산여부, 본번, 부번):
 * 산여부 is 0/1 in these files and 1/2 in a PNU.
 */
function pnuOf(source: JusoSource, line: number, f: string[], at: number): string {
  const bjd = key(source, line, f[at]!, 10, '법정동코드');
  const san = f[at + 5];
  if (san !== '0' && san !== '1') throw located(source, line, `산여부 '${san}' is not 0 or 1`);
  const bon = int(source, line, f[at + 6]!, '지번본번', 9999);
  const bu = int(source, line, f[at + 7]!, '지번부번', 9999);
  return `${bjd}${san === '1' ? 2 : 1}${String(bon).padStart(4, '0')}${String(bu).padStart(4, '0')}`;
}
