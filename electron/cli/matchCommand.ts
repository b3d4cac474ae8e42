import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TextEncoding } from '../../shared/api/contract';
import {
  mappingColumns,
  mappingFromRoles,
  MATCH_STATUSES,
  PARCEL_ROLES,
  type AddressMapping,
  type ParcelChoice,
} from '../../shared/address/addressMapping';
import type { MatchReason } from '../../shared/address/matchReason';
import { renderReason, type ReasonLang } from '../../shared/address/reasonMessages';
import { csvField } from '../export/csv';
import { openHostCore } from '../host/hostCore';
import { paths } from '../host/paths';
import { chosenStoreDir } from '../host/storeChoices';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { csvToTextParquet } from '../models/csvModel';
import { matchRelation } from '../models/parcelMatcher';
import { readTableFile } from '../models/tableFile';
import { ParquetWriter } from '../store/parquet/parquetWriter';
import { CliError, parseCommandArgs } from './cliError';

const HELP = `pilji match <file.csv|.tsv|.xlsx> --store <dir> (--address <col> | --sido <col> --sgg <col> --emd <col> [--ri <col>] [--san <col>] --bonbun <col> [--bubun <col>] | --pnu <col>) [--out <file.csv>]
  Matches each row's 지번 address to a parcel. Writes every input column plus pnu, match_status
  (matched, not_found, ambiguous, invalid), match_note (why; for a match, what was read how) and
  match_detail (the text after the lot number: building, 동/호/층), as UTF-8 with BOM (Excel
  opens it), and prints the counts by status.
  --parcels <main|all>
                    which parcels a road-name address (세종대로 209) stands for: its building's
                    대표지번 (main, the default), or every parcel the building stands on (all: one
                    output row per parcel, match_parcel says 대표지번 or 관련지번; 지번 rows are
                    unchanged). The counts stay per input row.
  --lang <ko|en>    the language of match_note (default: ko)
  --encoding <e>    utf-8 or cp949 (default: detected)
  --sheet <name>    the XLSX sheet to read (default: the first)
  --workspace <dir> workspace (default: ~/.pilji)
`;

export async function runMatch(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      store: { type: 'string' },
      workspace: { type: 'string' },
      out: { type: 'string' },
      encoding: { type: 'string' },
      sheet: { type: 'string' },
      lang: { type: 'string' },
      parcels: { type: 'string' },
      address: { type: 'string' },
      pnu: { type: 'string' },
      sido: { type: 'string' },
      sgg: { type: 'string' },
      emd: { type: 'string' },
      ri: { type: 'string' },
      san: { type: 'string' },
      bonbun: { type: 'string' },
      bubun: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const file = positionals[0];
  if (!file) throw new CliError(`give the file to match\n\n${HELP}`, 2);
  const mapping = mappingOf(values);
  if (values.encoding && values.encoding !== 'utf-8' && values.encoding !== 'cp949')
    throw new CliError(`--encoding is utf-8 or cp949, not '${values.encoding}'`, 2);
  const lang = (values.lang ?? 'ko') as ReasonLang;
  if (lang !== 'ko' && lang !== 'en') throw new CliError(`--lang is ko or en, not '${values.lang}'`, 2);

  const parcels = (values.parcels ?? 'main') as ParcelChoice;
  if (parcels !== 'main' && parcels !== 'all') throw new CliError(`--parcels is main or all, not '${values.parcels}'`, 2);

  const workspaceDir = path.resolve(values.workspace ?? paths.defaultWorkspace());
  const core = await openHostCore({ workspaceDir, storeDir: await chosenStoreDir(workspaceDir, values.store) });
  const scratch = path.join(workspaceDir, 'tmp', randomUUID());
  try {
    await fs.mkdir(scratch, { recursive: true });
    const input = await stageInput(core.engine, path.resolve(file), scratch, {
      encoding: values.encoding as TextEncoding | undefined,
      sheet: values.sheet,
    });
    const keyColumns = mappingColumns(mapping).map((name) => {
      if (!input.header.includes(name)) throw new CliError(`${file}: no column '${name}' (the file has: ${input.header.join(', ')})`, 1);
      return name;
    });
    // The same matching as a model's in the app: keys resolved once each, one semi-join with the store.
    const matchTable = `__match_${randomUUID().replace(/-/g, '')}`;
    const { report } = await matchRelation(
      core.engine,
      core.placeIndex(),
      `SELECT * FROM read_parquet(${literalSql(input.parquet)})`,
      mapping,
      matchTable,
      scratch,
      await core.roadIndex(),
      parcels,
    );
    const all = parcels === 'all';
    const keys = keyColumns.map((c, i) => `m."k${i}" IS NOT DISTINCT FROM s.${quoteIdent(c)}`).join(' AND ');
    const rows = await core.engine.rows<Record<string, string | null>>(`SELECT ${input.header.map((h) => `s.${quoteIdent(h)}`).join(', ')},
        m.pnu AS "__pnu", m.match_status AS "__status", m.match_reason AS "__reason", m.match_detail AS "__detail", m.match_parcel AS "__parcel"
      FROM read_parquet(${literalSql(input.parquet)}, file_row_number = true) AS s LEFT JOIN ${quoteIdent(matchTable)} AS m ON ${keys}
      ORDER BY s.file_row_number${all ? `, m.match_parcel = '${PARCEL_ROLES.related}', m.pnu` : ''}`);
    const lines = [
      [...input.header, 'pnu', 'match_status', 'match_note', 'match_detail', ...(all ? ['match_parcel'] : [])].map(csvField).join(','),
    ];
    for (const r of rows) {
      const note = r.__reason ? renderReason(JSON.parse(r.__reason) as MatchReason, lang) : '';
      const cells = [...input.header.map((h) => r[h] ?? ''), r.__pnu ?? '', r.__status!, note, r.__detail ?? ''];
      lines.push([...cells, ...(all ? [r.__parcel ?? ''] : [])].map(csvField).join(','));
    }
    const csv = '\uFEFF' + lines.join('\r\n') + '\r\n';
    if (values.out) await fs.writeFile(values.out, csv);
    else process.stdout.write(csv);
    const summary = MATCH_STATUSES.map((st) => `${st} ${report.counts[st].toLocaleString()}`).join(', ');
    // a row counts once, however many parcels its building stands on
    const related = report.related
      ? `; +${report.related.parcels.toLocaleString()} 관련지번 rows${report.related.missing ? ` (${report.related.missing.toLocaleString()} 관련지번 not in the store)` : ''}`
      : '';
    process.stderr.write(
      `${report.rows.toLocaleString()} rows (${input.source}): ${summary}${related}${values.out ? ` → ${values.out}` : ''}\n`,
    );
    return 0;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
    await core.close();
  }
}

/**
 * The input as a Parquet file of text columns in the scratch folder: CSV/TSV through the app's
 * reader (DuckDB's, streamed; the file is copied in first since the engine reads only the
 * workspace), XLSX through the XLSX reader.
 */
async function stageInput(
  engine: Engine,
  file: string,
  scratch: string,
  options: { encoding?: TextEncoding; sheet?: string },
): Promise<{ parquet: string; header: string[]; source: string }> {
  const parquet = path.join(scratch, 'input.parquet');
  if (path.extname(file).toLowerCase() === '.xlsx') {
    const t = await readTableFile(file, { sheet: options.sheet });
    const writer = new ParquetWriter(
      parquet,
      t.header.map((name) => ({ name, type: 'string' as const })),
    );
    for (const row of t.rows) row.forEach((v, j) => writer.values[j]!.string(v));
    writer.close();
    return { parquet, header: t.header, source: `sheet ${t.sheet}` };
  }
  const copy = path.join(scratch, `input${path.extname(file)}`);
  await fs.copyFile(file, copy);
  const r = await csvToTextParquet(engine, copy, path.basename(file), options.encoding, parquet, scratch);
  return { parquet, header: r.header, source: r.encoding };
}

function mappingOf(v: Record<string, string | boolean | undefined>): AddressMapping {
  // an empty flag (--sido '') is not given
  const mapping = mappingFromRoles((role) => (typeof v[role] === 'string' && v[role] !== '' ? v[role] : undefined));
  if (!('problem' in mapping)) return mapping;
  if (mapping.problem === 'missing') throw new CliError('separate columns need at least --emd and --bonbun', 2);
  throw new CliError(
    'give exactly one of --address <col>, --pnu <col>, or --emd <col> --bonbun <col> (with --sido/--sgg/--ri/--san/--bubun as the file has them)',
    2,
  );
}
