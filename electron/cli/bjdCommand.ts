import path from 'node:path';
import { paths } from '../host/paths';
import { importBjdTable } from '../store/bjdTableLoader';
import { CliError, parseCommandArgs } from './cliError';

const HELP = `pilji bjd <file> [--workspace <dir>]
  Makes a newer 법정동코드 전체자료 (the tab-separated cp949 file from the code.go.kr download;
  UTF-8 is read too) the code table that matching and imports use in this workspace, instead of
  the shipped 2024-25 table. The file is checked whole before it replaces anything.
`;

export async function runBjd(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { workspace: { type: 'string' }, help: { type: 'boolean', default: false } },
    true,
  );
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError(`give one code table file\n\n${HELP}`, 2);
  const workspaceDir = path.resolve(values.workspace ?? paths.defaultWorkspace());
  const r = await importBjdTable(path.resolve(positionals[0]!), workspaceDir, paths.assets());
  process.stdout.write(`법정동 code table: ${r.entries.toLocaleString()} codes (${r.active.toLocaleString()} in use) → ${r.file}\n`);
  return 0;
}
