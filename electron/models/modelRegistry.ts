import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mappingColumns, type AddressMapping } from '../../shared/address/addressMapping';
import { inferMapping } from '../../shared/address/inferMapping';
import type { PlaceIndex } from '../../shared/address/placeIndex';
import type { RoadIndex } from '../../shared/address/roadIndex';
import type { ModelFormat, ModelInfo, ReportStore, TextEncoding, UnmatchedRows } from '../../shared/api/contract';
import { COMMANDS } from '../../shared/dsl/ast';
import { PARCELS } from '../../shared/dsl/catalog';
import { quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { writeFileAtomic } from '../store/manifest';
import { setAside, type WorkspaceProblems } from '../workspace/workspaceState';
import { describeRelation } from '../store/storeCatalog';
import { DelimitedTextError } from './delimitedText';
import { attachModel, writeModelParquet } from './modelTable';
import { matchRelation } from './parcelMatcher';
import { unmatchedRows } from './unmatchedRows';
import { csvToModelParquet } from './csvModel';
import { GeoSourceError, readGeoJsonTable, readShapefileTable } from './geoSource';
import { storeParquetModel } from './parquetModel';
import { storeGeoModel } from './geoModel';
import { readTableFile } from './tableFile';
import { XlsxError } from './xlsxReader';
import { ZipError } from '../zip/zipArchive';

export class ModelError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface RegisterInput {
  file: string;
  /** the name the user's file had (uploads keep it) */
  fileName: string;
  name?: string;
  encoding?: TextEncoding;
  sheet?: string;
  /** a job's Cancel: interrupts the engine's work and stops between steps */
  signal?: AbortSignal;
}

const MODEL_JSON = 'model.json';
const DATA = 'data.parquet';
const SOURCE_XLSX = 'source.xlsx';
const MAX_WARNINGS = 20;

type SourceRead = Pick<ModelInfo['source'], 'encoding' | 'sheet' | 'sheets'> & { warnings: string[] };
const SAMPLE_ROWS = 200;
const SHOWN_SAMPLES = 8;
const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/**
 * The workspace's models: <workspace>/models/<id>/{data.parquet, model.json}. A model folder
 * is complete before it is renamed into place, and model.json is replaced atomically, so a crash
 * never leaves a half-registered model. Each model is a view the DSL reads by its name.
 */
export class ModelRegistry {
  private readonly models = new Map<string, { dir: string; info: ModelInfo }>();

  constructor(
    private readonly dir: string,
    private readonly engine: Engine,
    private readonly placeIndex: () => PlaceIndex,
    private readonly tmpDir: string,
    /** the imported 도로명주소 index, if any: a model's road-name addresses match through it */
    private readonly roadIndex: () => Promise<RoadIndex | null> = async () => null,
  ) {}

  /** Attaches every model in the workspace; a folder that cannot be read is set aside and reported. */
  async load(problems: WorkspaceProblems): Promise<void> {
    const entries = await fs.readdir(this.dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isDirectory() || e.name.includes('.corrupt-')) continue;
      const dir = path.join(this.dir, e.name);
      if (e.name.startsWith('.')) {
        await fs.rm(dir, { recursive: true, force: true }); // an interrupted registration
        continue;
      }
      try {
        const info = JSON.parse(await fs.readFile(path.join(dir, MODEL_JSON), 'utf8')) as ModelInfo;
        info.warnings ??= []; // written before models had warnings
        await attachModel(this.engine, info.name, path.join(dir, DATA));
        this.models.set(info.name, { dir, info });
      } catch (err) {
        const aside = await setAside(dir);
        problems.add(`model folder ${e.name} could not be opened (${(err as Error).message}); it was set aside as ${aside}`);
      }
    }
  }

  list(): ModelInfo[] {
    return [...this.models.values()].map((m) => m.info).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  get(name: string): ModelInfo {
    const m = this.models.get(name);
    if (!m) throw new ModelError(`no model named '${name}'`, 404);
    return m.info;
  }

  async register(input: RegisterInput): Promise<ModelInfo> {
    const { format, name } = this.nameAndFormat(input);
    return this.build(name, format, input, null);
  }

  /** Reads another sheet of a model's workbook (kept as the model's source); the mapping starts over. */
  async changeSheet(name: string, sheet: string): Promise<ModelInfo> {
    const m = this.models.get(name);
    if (!m) throw new ModelError(`no model named '${name}'`, 404);
    if (m.info.source.format !== 'xlsx') throw new ModelError(`'${name}' is not from a workbook`);
    const copy = path.join(this.dir, `.${randomUUID()}.xlsx`);
    await fs.copyFile(path.join(m.dir, SOURCE_XLSX), copy);
    try {
      return await this.build(name, 'xlsx', { file: copy, fileName: m.info.source.fileName, sheet }, m.dir);
    } finally {
      await fs.rm(copy, { force: true });
    }
  }

  /** Writes a complete model folder beside the others, then swaps it in (replacing `previousDir`). */
  private async build(name: string, format: ModelFormat, input: RegisterInput, previousDir: string | null): Promise<ModelInfo> {
    await fs.mkdir(this.dir, { recursive: true });
    const staging = path.join(this.dir, `.${randomUUID()}`);
    await fs.mkdir(staging);
    try {
      const data = path.join(staging, DATA);
      const source = await this.readSource(input, format, staging, data);
      input.signal?.throwIfAborted();
      await attachModel(this.engine, name, data);
      const { columns } = await describeRelation(this.engine, name, 'model');
      const [count] = await this.engine.rows<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(name)}`);
      const sample = await this.engine.rows<Record<string, string | null>>(
        `SELECT COLUMNS(*)::VARCHAR FROM ${quoteIdent(name)} LIMIT ${SAMPLE_ROWS}`,
      );
      const samples = sample.map((r) => columns.map((c) => r[c.name] ?? null));
      const info: ModelInfo = {
        name,
        source: { fileName: input.fileName, format, encoding: source.encoding, sheet: source.sheet, sheets: source.sheets },
        createdAt: new Date().toISOString(),
        rows: count!.n,
        columns,
        samples: samples.slice(0, SHOWN_SAMPLES),
        suggestedMapping: inferMapping(
          columns.map((c) => c.name),
          samples,
        ),
        mapping: null,
        report: null,
        warnings: source.warnings,
      };
      await fs.writeFile(path.join(staging, MODEL_JSON), JSON.stringify(info, null, 2));
      const dir = path.join(this.dir, randomUUID());
      await fs.rename(staging, dir);
      await attachModel(this.engine, name, path.join(dir, DATA));
      this.models.set(name, { dir, info });
      if (previousDir) await fs.rm(previousDir, { recursive: true, force: true });
      return info;
    } catch (e) {
      await fs.rm(staging, { recursive: true, force: true });
      const previous = this.models.get(name);
      if (previous) await attachModel(this.engine, name, path.join(previous.dir, DATA));
      else await this.engine.exec(`DROP VIEW IF EXISTS ${quoteIdent(name)}`);
      throw e;
    }
  }

  /** Stores the source as typed Parquet; says how it was read. */
  private async readSource(input: RegisterInput, format: ModelFormat, dir: string, data: string): Promise<SourceRead> {
    // messages name the upload's path; the user knows the file by its own name
    const located = (e: unknown) => {
      if (!(e instanceof DelimitedTextError || e instanceof XlsxError || e instanceof ZipError)) return e;
      const message = [input.file, input.fileName].reduce(
        (m, prefix) => (m.startsWith(`${prefix}: `) ? m.slice(prefix.length + 2) : m),
        e.message,
      );
      return new ModelError(`${input.fileName}: ${message}`, 400, { cause: e });
    };
    if (format === 'parquet') {
      await storeParquetModel(this.engine, input.file, data, this.tmpDir, input.signal).catch((e: unknown) =>
        Promise.reject(e instanceof GeoSourceError ? new ModelError(`${input.fileName}: ${e.message}`, 400, { cause: e }) : e),
      );
      return { encoding: null, sheet: null, sheets: null, warnings: [] };
    }
    if (format === 'geojson' || format === 'shapefile') {
      const scratch = path.join(dir, '.unzip');
      const geo = await (format === 'geojson' ? readGeoJsonTable(input.file) : readShapefileTable(input.file, scratch))
        .catch((e: unknown) =>
          Promise.reject(
            e instanceof Error && !(e instanceof ModelError)
              ? new ModelError(`${input.fileName}: ${e.message.replace(`${input.file}: `, '')}`, 400, { cause: e })
              : e,
          ),
        )
        .finally(() => fs.rm(scratch, { recursive: true, force: true }));
      if (!geo.rows.length) throw new ModelError(`${input.fileName} has no features`);
      input.signal?.throwIfAborted();
      const warnings = await storeGeoModel(this.engine, geo, data, input.signal);
      return {
        encoding: null,
        sheet: null,
        sheets: null,
        warnings:
          warnings.length > MAX_WARNINGS ? [...warnings.slice(0, MAX_WARNINGS), `… ${warnings.length - MAX_WARNINGS} more`] : warnings,
      };
    }
    if (format === 'csv' || format === 'tsv') {
      const r = await csvToModelParquet(this.engine, input.file, input.fileName, input.encoding, data, this.tmpDir, input.signal).catch(
        (e: unknown) => Promise.reject(located(e)),
      );
      return { encoding: r.encoding, sheet: null, sheets: null, warnings: [] };
    }
    const read = (sheet?: string) => readTableFile(input.file, { ...input, sheet }).catch((e: unknown) => Promise.reject(located(e)));
    let table = await read(input.sheet);
    // No sheet chosen and the first is a cover page: the first sheet with rows is the data.
    for (const sheet of input.sheet === undefined && !table.rows.length ? (table.sheets ?? []) : []) {
      const t = sheet === table.sheet ? table : await read(sheet);
      if (t.rows.length) {
        table = t;
        break;
      }
    }
    if (format === 'xlsx') await fs.copyFile(input.file, path.join(dir, SOURCE_XLSX));
    if (!table.rows.length)
      throw new ModelError(`${input.fileName}${table.sheet ? ` (sheet '${table.sheet}')` : ''} has a header but no rows`);
    input.signal?.throwIfAborted();
    await writeModelParquet(this.engine, table, data, undefined, input.signal);
    return { encoding: table.encoding, sheet: table.sheet, sheets: table.sheets, warnings: [] };
  }

  /**
   * Confirms the address mapping: matches every row against the store and keeps the report, with
   * the store (`store`: the active one, its folder and version) it counted against.
   */
  async setMapping(name: string, mapping: AddressMapping, store: ReportStore): Promise<ModelInfo> {
    const m = this.models.get(name);
    if (!m) throw new ModelError(`no model named '${name}'`, 404);
    const names = m.info.columns.map((c) => c.name);
    const missing = mappingColumns(mapping).filter((c) => !names.includes(c));
    if (missing.length)
      throw new ModelError(`the model '${name}' has no column ${missing.map((c) => `'${c}'`).join(', ')} (it has: ${names.join(', ')})`);
    const table = `__report_${randomUUID().replace(/-/g, '')}`;
    try {
      const { report } = await matchRelation(
        this.engine,
        this.placeIndex(),
        `SELECT * FROM ${quoteIdent(name)}`,
        mapping,
        table,
        this.tmpDir,
        await this.roadIndex(),
      );
      const info: ModelInfo = { ...m.info, mapping, report, reportStore: store };
      delete info.reportStale; // the host works it out when it answers
      await writeFileAtomic(path.join(m.dir, MODEL_JSON), JSON.stringify(info, null, 2));
      m.info = info;
      return info;
    } finally {
      await this.engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    }
  }

  /** The rows that did not match, whole, with why: matched again with the confirmed mapping. */
  async unmatched(name: string): Promise<UnmatchedRows> {
    const { mapping } = this.get(name);
    if (!mapping) throw new ModelError(`the model '${name}' has no confirmed mapping to match with`, 409);
    return unmatchedRows(this.engine, name, mapping, this.placeIndex(), await this.roadIndex(), this.tmpDir);
  }

  async remove(name: string): Promise<void> {
    const m = this.models.get(name);
    if (!m) throw new ModelError(`no model named '${name}'`, 404);
    await this.engine.exec(`DROP VIEW IF EXISTS ${quoteIdent(name)}`);
    this.models.delete(name);
    await fs.rm(m.dir, { recursive: true, force: true });
  }

  private nameAndFormat(input: RegisterInput): { format: ModelFormat; name: string } {
    const ext = path.extname(input.fileName).toLowerCase();
    const format: ModelFormat | undefined = (
      {
        '.csv': 'csv',
        '.tsv': 'tsv',
        '.txt': 'csv',
        '.parquet': 'parquet',
        '.xlsx': 'xlsx',
        '.geojson': 'geojson',
        '.json': 'geojson',
        '.shp': 'shapefile',
        '.zip': 'shapefile',
      } as const
    )[ext];
    if (!format)
      throw new ModelError(`${input.fileName}: models are read from CSV, TSV, XLSX, Parquet, GeoJSON or shapefile (SHP set or ZIP) files`);
    if (input.name !== undefined) {
      if (!NAME.test(input.name))
        throw new ModelError(`'${input.name}' cannot be a model name: use letters (한글 too), digits and _, starting with a letter`);
      if (this.reserved(input.name)) throw new ModelError(`'${input.name}' is a word of the query language; choose another name`);
      if (this.taken(input.name)) throw new ModelError(`a model named '${input.name}' exists; remove it or choose another name`, 409);
      return { format, name: input.name };
    }
    // From the file name: '2024 주소 목록.csv' → '주소_목록' ... made a valid, unused name.
    let base = path
      .basename(input.fileName, ext)
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}_]+/gu, '_')
      .replace(/^_+|_+$/g, '');
    if (!/^[\p{L}_]/u.test(base)) base = `model_${base}`;
    if (this.reserved(base)) base = `${base}_model`;
    let name = base;
    for (let i = 2; this.taken(name); i++) name = `${base}_${i}`;
    return { format, name };
  }

  /** SQL names compare case-insensitively: '주소Addr' and '주소addr' would be one view. */
  private taken(name: string): boolean {
    return [...this.models.keys()].some((k) => k.toLowerCase() === name.toLowerCase());
  }

  private reserved(name: string): boolean {
    const lower = name.toLowerCase();
    return (
      lower === PARCELS ||
      lower in COMMANDS ||
      ['and', 'or', 'not', 'in', 'like', 'is', 'null', 'between', 'as', 'by', 'desc', 'asc', 'true', 'false'].includes(lower)
    );
  }
}
