import path from 'node:path';
import { paths } from '../host/paths';
import { bjdTableFile } from '../store/bjdTableLoader';
import { importShapefiles, type ImportProgress } from '../store/import/importer';
import { CliError, parseCommandArgs } from './cliError';

const HELP = `pilji import <paths...> --store <dir> [--crs <epsg>] [--json]
  <paths>            .shp files (with .dbf/.prj/.cpg beside them), folders, or .zip downloads
  --store <dir>      the store to import into (created if missing)
  --crs <epsg>       coordinate system for files without a .prj (e.g. 5174)
  --workspace <dir>  workspace whose 법정동 code table names the regions (default: ~/.pilji)
  --json             print the summary as JSON
Re-importing a region replaces exactly that region's partitions. Rejected records are listed in
<store>/reports/import-<id>.csv. Exit code 0 on success, 1 on failure.
`;

export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      store: { type: 'string' },
      crs: { type: 'string' },
      workspace: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!positionals.length) throw new CliError(`give the shapefiles, folders or zips to import\n\n${HELP}`, 2);
  if (!values.store) throw new CliError('give the store folder with --store <dir>', 2);
  const defaultEpsg = values.crs ? Number(values.crs.replace(/^epsg:/i, '')) : undefined;
  if (defaultEpsg !== undefined && !Number.isInteger(defaultEpsg))
    throw new CliError(`--crs takes an EPSG code such as 5174, not '${values.crs}'`, 2);

  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  let lastLine = 0;
  const onProgress = (p: ImportProgress) => {
    if (values.json || !process.stderr.isTTY || Date.now() - lastLine < 500) return;
    lastLine = Date.now();
    const pct = p.total ? Math.floor((100 * p.records) / p.total) : 0;
    const eta = p.etaSeconds !== null ? `, ${Math.ceil(p.etaSeconds)} s left` : '';
    process.stderr.write(
      p.phase === 'writing'
        ? '\rwriting partitions…' + ' '.repeat(40)
        : `\r[${p.fileIndex + 1}/${p.fileCount}] ${p.file}: ${p.records.toLocaleString()} records (${pct}%), ${Math.round(p.recordsPerSecond).toLocaleString()}/s${eta}   `,
    );
  };
  const summary = await importShapefiles({
    inputs: positionals.map((p) => path.resolve(p)),
    storeDir: path.resolve(values.store),
    bjdFile: bjdTableFile(paths.assets(), path.resolve(values.workspace ?? paths.defaultWorkspace())),
    defaultEpsg,
    signal: controller.signal,
    onProgress,
  });
  if (process.stderr.isTTY && !values.json) process.stderr.write('\n');
  if (values.json) {
    const { manifest, ...rest } = summary;
    process.stdout.write(JSON.stringify({ ...rest, storeRows: manifest.rows, partitions: manifest.partitions.length }, null, 2) + '\n');
    return 0;
  }
  const lines = [
    `imported ${summary.imported.toLocaleString()} parcels in ${summary.seconds.toFixed(1)} s (${Math.round(summary.parcelsPerSecond).toLocaleString()}/s)`,
    ...summary.files.map(
      (f) =>
        `  ${f.file}: ${f.schema.toUpperCase()}, EPSG:${f.epsg}, ${f.encoding}, ${f.imported.toLocaleString()} of ${f.records.toLocaleString()} records`,
    ),
    `rejected ${summary.rejected.toLocaleString()} records${summary.reportPath ? ` — see ${summary.reportPath}` : ''}`,
    ...(summary.invalidJimok
      ? [`kept ${summary.invalidJimok.toLocaleString()} parcels with an invalid 지목 부호 (지목 left empty; listed in the report)`]
      : []),
    ...summary.warnings.map((w) => `warning: ${w}`),
    `store: ${summary.manifest.rows.toLocaleString()} parcels in ${summary.manifest.partitions.length} partitions`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
