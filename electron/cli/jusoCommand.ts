import path from 'node:path';
import { openEngine } from '../engine/engine';
import { paths } from '../host/paths';
import { importJuso } from '../juso/jusoImport';
import { JusoInputError } from '../juso/jusoSources';
import { CliError, parseCommandArgs } from './cliError';

const HELP = `pilji juso <zip|folder|files...> [--update] [--workspace <dir>]
  Builds the workspace's road-address index from the 도로명주소 DB as downloaded from
  business.juso.go.kr (the zip, its folder, or its files; cp949), in either layout:
  도로명주소 한글 (rnaddrkor_<시도>.txt with jibun_rnaddrkor_<시도>.txt) or 주소DB (주소_<시도>.txt,
  지번_<시도>.txt, 부가정보_<시도>.txt and 개선_도로명코드_전체분.txt); the file names say which. From then on 'pilji match' and parcel_join resolve road-name
  addresses (세종대로 209) to their building's 대표지번 parcel. A new import replaces the index only
  once it is complete.
  --update   the files are daily changes (이동사유코드/변경사유코드 31 신규, 34 수정, 63 폐지) of
             the same layout as the index: apply them on top of it instead of replacing it
`;

export async function runJuso(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { workspace: { type: 'string' }, update: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    true,
  );
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!positionals.length) throw new CliError(`give the 도로명주소 files, folder or zip\n\n${HELP}`, 2);
  const workspaceDir = path.resolve(values.workspace ?? paths.defaultWorkspace());
  // the country's join and sort spill to the workspace beyond 1 GB rather than hold it all
  const engine = await openEngine({
    allowedDirectories: [workspaceDir],
    tempDirectory: path.join(workspaceDir, 'juso', '.spill'),
    memoryLimit: '1GB',
  });
  try {
    const r = await importJuso(
      positionals.map((p) => path.resolve(p)),
      workspaceDir,
      engine,
      { update: values.update },
    );
    process.stdout.write(
      `도로명주소 DB (${r.family === 'addressDb' ? '주소DB, ' : ''}${r.vintage}): ${r.addresses.toLocaleString()} road addresses, ${r.relatedParcels.toLocaleString()} related parcels, ${r.removed.toLocaleString()} 폐지 rows ${values.update ? 'applied' : 'left out'}, from ${r.files} files in ${r.seconds.toFixed(1)} s → ${r.file}\n`,
    );
    if (r.orphanLinks)
      process.stderr.write(`${r.orphanLinks.toLocaleString()} 관련지번 rows name an address not in these files (left out)\n`);
    if (r.incomplete)
      process.stderr.write(`${r.incomplete.toLocaleString()} addresses have no 대표지번 or road name in these files (left out)\n`);
    return 0;
  } catch (e) {
    if (e instanceof JusoInputError) throw new CliError(e.message, 1);
    throw e;
  } finally {
    await engine.close();
  }
}
