/** One child of lsmdShards: writes every `shards`-th 시군구's LSMD file, starting at `shard`. */
import { paths } from '../../electron/host/paths';
import { bjdTableFile, loadBjdTable } from '../../electron/store/bjdTableLoader';
import { sggShare, writeSggShapefile } from './generateStoreInput';

const { dir, sggCodes, parcels, shard, shards } = JSON.parse(process.argv[2]!) as {
  dir: string;
  sggCodes: string[];
  parcels: number;
  shard: number;
  shards: number;
};
const table = loadBjdTable(bjdTableFile(paths.assets()));
for (const [i, code] of sggCodes.entries()) {
  const n = sggShare(parcels, sggCodes.length, i);
  if (i % shards === shard && n > 0) await writeSggShapefile(table, dir, code, i, n);
}
