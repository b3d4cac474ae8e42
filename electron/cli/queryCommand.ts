import { promises as fs, createWriteStream } from 'node:fs';
import { withAtomicOutput } from './atomicOutput';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { csvToModelParquet } from '../models/csvModel';
import { readTableFile } from '../models/tableFile';
import { writeModelParquet } from '../models/modelTable';
import { readGeoJsonTable } from '../models/geoSource';
import { storeGeoModel } from '../models/geoModel';
import { storeParquetModel } from '../models/parquetModel';
import type { ApiError } from '../../shared/api/contract';
import { resultText } from '../export/resultText';
import { openHostCore } from '../host/hostCore';
import { paths } from '../host/paths';
import { chosenStoreDir } from '../host/storeChoices';
import { CliError, parseCommandArgs } from './cliError';
import { formatWithSource } from '../../shared/dsl/sourceExcerpt';

const FORMATS = ['csv', 'geojson', 'parquet', 'shp', 'arrow'];

/** Each diagnostic with its source line, a caret under the span and the hint; else the error's one line. */
function reportError(dsl: string, error: ApiError): number {
  for (const d of error.diagnostics ?? []) process.stderr.write(`${formatWithSource(dsl, d)}\n`);
  if (!error.diagnostics?.length) process.stderr.write(`${error.error}\n`);
  return 1;
}

const HELP = `pilji query [--store <dir>] [--model [<name>=]<file> ...] (-e '<dsl>' | <file.dsl>) [--format geojson|csv|parquet|arrow] [--out <file>]
  -e, --expr <dsl>    the query text
  --model name=file   make a CSV/TSV (UTF-8 or cp949), XLSX (name=file.xlsx#sheet picks a sheet),
                      GeoJSON (polygons or points) or Parquet file readable as 'from name';
                      a file alone is named as the file is (--model 주소.csv → from 주소)
  --store <dir>       cadastral store (default: the one chosen last in the app, else the
                      workspace's, else the bundled sample)
  --workspace <dir>   workspace (default: ~/.pilji)
  --format <f>        csv (default; UTF-8, geometry as WKT), geojson (RFC 7946), parquet
                      (GeoParquet; needs --out), shp (zipped shapefile, cp949 DBF; needs --out)
                      or arrow (IPC stream)
  --out <file>        write here instead of standard output
On a query error it prints 'line:col: message', the line with a caret under the place and
the hint, and exits 1.
`;

export async function runQuery(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      expr: { type: 'string', short: 'e' },
      model: { type: 'string', multiple: true },
      store: { type: 'string' },
      workspace: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!FORMATS.includes(values.format)) throw new CliError(`unknown --format '${values.format}' (${FORMATS.join(', ')})`, 2);
  if ((values.format === 'parquet' || values.format === 'shp') && !values.out)
    throw new CliError(`--format ${values.format} writes a file: give --out <file>`, 2);
  const dsl = values.expr ?? (positionals[0] ? await fs.readFile(positionals[0], 'utf8') : null);
  if (dsl === null) throw new CliError(`give the query with -e '<dsl>' or a .dsl file\n\n${HELP}`, 2);

  const workspaceDir = path.resolve(values.workspace ?? paths.defaultWorkspace());
  const core = await openHostCore({
    workspaceDir,
    storeDir: await chosenStoreDir(workspaceDir, values.store),
  });
  const scratch = path.join(workspaceDir, 'tmp', randomUUID());
  try {
    await fs.mkdir(scratch, { recursive: true });
    for (const spec of values.model ?? []) {
      // name=file, or a file alone: named as the file is (addresses.csv → from addresses)
      const eq = spec.indexOf('=');
      const [filePart, sheet] = spec.slice(eq + 1).split('#') as [string, string | undefined];
      const name = eq > 0 ? spec.slice(0, eq) : path.basename(filePart, path.extname(filePart));
      if (!name) throw new CliError(`--model takes name=file or a file, not '${spec}'`, 2);
      const file = path.resolve(filePart);
      if (!(await fs.stat(file).catch(() => null))?.isFile()) throw new CliError(`--model ${spec}: no such file ${file}`, 2);
      const stored = path.join(scratch, `${randomUUID()}.parquet`);
      if (/\.parquet$/i.test(file)) {
        // copied into the workspace first: the engine reads nothing outside it
        const copy = path.join(scratch, `${randomUUID()}.parquet`);
        await fs.copyFile(file, copy);
        await storeParquetModel(core.engine, copy, stored, scratch);
      } else if (/\.xlsx$/i.test(file)) await writeModelParquet(core.engine, await readTableFile(file, { sheet }), stored);
      else if (/\.(geo)?json$/i.test(file)) {
        // the analyst's shapes: polygons or points, with the store's bbox covering
        for (const w of await storeGeoModel(core.engine, await readGeoJsonTable(file), stored)) process.stderr.write(`${name}: ${w}\n`);
      } else {
        // CSV/TSV as the app reads a model: DuckDB's reader, from a copy inside the workspace
        const copy = path.join(scratch, `${randomUUID()}${path.extname(file)}`);
        await fs.copyFile(file, copy);
        await csvToModelParquet(core.engine, copy, path.basename(file), undefined, stored, scratch);
      }
      await core.addModel(name, stored);
    }
    if (values.format === 'shp') {
      const zip = path.join(scratch, 'result.zip');
      const written = await core.queries.copyToShapefileZip(dsl, zip, path.basename(values.out!).replace(/\.zip$/i, ''), scratch);
      if (!written.ok) return reportError(dsl, written.error);
      for (const w of written.warnings) process.stderr.write(`field name cut to 10 bytes: ${w}\n`);
      await withAtomicOutput(values.out!, (partial) => fs.copyFile(zip, partial));
      return 0;
    }
    if (values.format === 'parquet') {
      // the engine writes only inside the workspace: there first, then moved into place
      const staged = path.join(scratch, 'result.parquet');
      const copied = await core.queries.copyToParquet(dsl, staged);
      if (!copied.ok) return reportError(dsl, copied.error);
      await withAtomicOutput(values.out!, (partial) => fs.copyFile(staged, partial));
      return 0;
    }
    const outcome = await core.queries.run(dsl);
    if (!outcome.ok) return reportError(dsl, outcome.error);
    const pipeTo = async (sink: NodeJS.WritableStream) => {
      const write = (chunk: string | Uint8Array) =>
        new Promise<void>((resolve, reject) => sink.write(chunk, (e) => (e ? reject(e) : resolve())));
      if (values.format === 'arrow') {
        for await (const bytes of outcome.body) await write(bytes);
      } else {
        for await (const text of resultText(outcome.body, values.format as 'geojson' | 'csv')) await write(text);
      }
    };
    if (!values.out) await pipeTo(process.stdout);
    else {
      const out = values.out;
      await withAtomicOutput(out, async (partial) => {
        const file = createWriteStream(partial);
        file.on('error', () => undefined); // reported by the write or end that meets it, below
        try {
          await pipeTo(file);
          await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())));
        } catch (e) {
          // a full disk or a lost folder fails the export with its path; the partial file goes
          file.destroy();
          throw new CliError(`cannot write ${out}: ${(e as Error).message}`, 1);
        }
      });
    }
    return 0;
  } finally {
    await core.close();
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
