import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mappingColumns, MATCH_STATUSES, type AddressMapping, type MatchStatus } from '../../shared/address/addressMapping';
import { renderReason, type ReasonLang } from '../../shared/address/reasonMessages';
import { csvField } from '../export/csv';
import { openHostCore } from '../host/hostCore';
import { defaultStore, paths } from '../host/paths';
import { readTableFile } from '../models/tableFile';
import { matchKeys } from '../models/parcelMatcher';
import { CliError, parseCommandArgs } from './cliError';

const HELP = `pilji match <file.csv|.tsv|.xlsx> --store <dir> (--address <col> | --sido <col> --sgg <col> --emd <col> [--ri <col>] [--san <col>] --bonbun <col> [--bubun <col>] | --pnu <col>) [--out <file.csv>]
  Matches each row's 지번 address to a parcel. Writes every input column plus pnu, match_status
  (matched, not_found, ambiguous, invalid), match_note (why; for a match, what was read how) and
  match_detail (the text after the lot number: building, 동/호/층), as UTF-8 with BOM (Excel
  opens it), and prints the counts by status.
  --lang <ko|en>    the language of match_note (default: ko)
  --encoding <e>    utf-8 or cp949 (default: detected)
  --sheet <name>    the XLSX sheet to read (default: the first)
  --workspace <dir> workspace (default: ~/.pilji)
`;

export async function runMatch(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    store: { type: 'string' }, workspace: { type: 'string' }, out: { type: 'string' }, encoding: { type: 'string' }, sheet: { type: 'string' }, lang: { type: 'string' },
    address: { type: 'string' }, pnu: { type: 'string' },
    sido: { type: 'string' }, sgg: { type: 'string' }, emd: { type: 'string' }, ri: { type: 'string' }, san: { type: 'string' }, bonbun: { type: 'string' }, bubun: { type: 'string' },
    help: { type: 'boolean', default: false },
  }, true);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const file = positionals[0];
  if (!file) throw new CliError(`give the file to match\n\n${HELP}`, 2);
  const mapping = mappingOf(values);
  if (values.encoding && values.encoding !== 'utf-8' && values.encoding !== 'cp949') throw new CliError(`--encoding is utf-8 or cp949, not '${values.encoding}'`, 2);
  const lang = (values.lang ?? 'ko') as ReasonLang;
  if (lang !== 'ko' && lang !== 'en') throw new CliError(`--lang is ko or en, not '${values.lang}'`, 2);

  const table = await readTableFile(path.resolve(file), { encoding: values.encoding as 'utf-8' | 'cp949' | undefined, sheet: values.sheet });
  const keyColumns = mappingColumns(mapping).map((name) => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new CliError(`${file}: no column '${name}' (the file has: ${table.header.join(', ')})`, 1);
    return i;
  });
  const workspaceDir = path.resolve(values.workspace ?? paths.defaultWorkspace());
  const core = await openHostCore({ workspaceDir, storeDir: path.resolve(values.store ?? defaultStore(workspaceDir)) });
  try {
    const keys = table.rows.map((row) => keyColumns.map((i) => row[i]!));
    const matches = await matchKeys(keys, mapping, core.placeIndex(), core.engine, path.join(workspaceDir, 'tmp'), await core.roadIndex());
    const lines = [[...table.header, 'pnu', 'match_status', 'match_note', 'match_detail'].map(csvField).join(',')];
    table.rows.forEach((row, i) => {
      const m = matches[i]!;
      lines.push([...row, m.pnu ?? '', m.status, m.reason ? renderReason(m.reason, lang) : '', m.detail].map(csvField).join(','));
    });
    const csv = '\uFEFF' + lines.join('\r\n') + '\r\n';
    if (values.out) await fs.writeFile(values.out, csv);
    else process.stdout.write(csv);
    const counts = new Map<MatchStatus, number>(MATCH_STATUSES.map((st) => [st, 0]));
    for (const m of matches) counts.set(m.status, counts.get(m.status)! + 1);
    const summary = [...counts].map(([s, n]) => `${s} ${n.toLocaleString()}`).join(', ');
    process.stderr.write(`${table.rows.length.toLocaleString()} rows (${table.encoding ?? `sheet ${table.sheet}`}): ${summary}${values.out ? ` → ${values.out}` : ''}\n`);
    return 0;
  } finally {
    await core.close();
  }
}

function mappingOf(v: Record<string, string | boolean | undefined>): AddressMapping {
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const given = [s('address') && 'address', s('pnu') && 'pnu', (s('emd') || s('bonbun')) && 'parts'].filter(Boolean);
  if (given.length !== 1) throw new CliError('give exactly one of --address <col>, --pnu <col>, or --emd <col> --bonbun <col> (with --sido/--sgg/--ri/--san/--bubun as the file has them)', 2);
  if (given[0] === 'address') return { kind: 'address', address: s('address')! };
  if (given[0] === 'pnu') return { kind: 'pnu', pnu: s('pnu')! };
  if (!s('emd') || !s('bonbun')) throw new CliError('separate columns need at least --emd and --bonbun', 2);
  return { kind: 'parts', sido: s('sido'), sgg: s('sgg'), emd: s('emd')!, ri: s('ri'), san: s('san'), bonbun: s('bonbun')!, bubun: s('bubun') };
}
