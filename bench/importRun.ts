/** One import in a fresh process, so its peak memory is its own: prints the summary as JSON. */
import path from 'node:path';
import { paths } from '../electron/host/paths';
import { bjdTableFile } from '../electron/store/bjdTableLoader';
import { importShapefiles } from '../electron/store/import/importer';

const [input, store] = process.argv.slice(2);
const s = await importShapefiles({ inputs: [path.resolve(input!)], storeDir: path.resolve(store!), bjdFile: bjdTableFile(paths.assets()) });
process.stdout.write(
  JSON.stringify({
    imported: s.imported,
    rejected: s.rejected,
    seconds: s.seconds,
    readSeconds: s.readSeconds,
    parcelsPerSecond: s.parcelsPerSecond,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n',
);
