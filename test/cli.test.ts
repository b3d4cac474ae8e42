import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthShapefile, tempDir } from './store/synthFixtures';

const root = path.resolve(import.meta.dirname, '..');
const workspace = mkdtempSync(path.join(os.tmpdir(), 'pilji-cli-'));
const pilji = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/pilji.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PILJI_WORKSPACE: workspace },
  });

describe('pilji CLI', () => {
  it('--help lists import, match, query and serve', () => {
    const r = pilji('--help');
    expect(r.status).toBe(0);
    for (const c of ['import', 'match', 'query', 'serve']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it("help loads no command: DuckDB's native library is loaded by the commands that use it", () => {
    // which native libraries the CLI's entry has loaded after running a command
    const loaded = (command: string) => {
      const script = `import { createRequire } from 'node:module';
        import { main } from './electron/cli/main.ts';
        process.stdout.write = () => true;
        await main(${JSON.stringify(command.split(' '))});
        console.error(JSON.stringify(Object.keys(createRequire(import.meta.url).cache).filter((f) => f.endsWith('.node'))));`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
      return JSON.parse(r.stderr.trim().split('\n').pop()!) as string[];
    };
    expect(loaded('help')).toEqual([]);
    expect(loaded('query --help').some((f) => f.includes('duckdb'))).toBe(true);
  });

  it('query prints CSV from the sample store', () => {
    const r = pilji('query', '-e', "parcels | where SGG_NM == '중구' | stats count() by SGG_NM");
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split(/\r?\n/)).toEqual(['SGG_NM,count', '중구,1000']);
  });

  it('query --format geojson: RFC 7946 that GDAL reads back, PNUs as text, outer rings counter-clockwise', () => {
    const out = path.join(workspace, '종로.geojson');
    const r = pilji(
      'query',
      '-e',
      "parcels | where SGG_NM == '종로구' | select PNU, JIMOK, AREA_M2 | take 25",
      '--format',
      'geojson',
      '--out',
      out,
    );
    expect(r.stderr).toBe('');
    const info = execFileSync('ogrinfo', ['-al', '-so', out], { encoding: 'utf8' });
    expect(info).toMatch(/Feature Count: 25/);
    expect(info).toMatch(/PNU: String/);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as {
      features: { geometry: { type: string; coordinates: number[][][] }; properties: Record<string, unknown> }[];
    };
    const f = doc.features[0]!;
    expect(f.properties.PNU).toMatch(/^\d{19}$/);
    expect(Object.keys(f.properties)).toEqual(['PNU', 'JIMOK', 'AREA_M2']);
    const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]! : (f.geometry.coordinates as unknown as number[][][][])[0]![0]!;
    const area = ring.slice(0, -1).reduce((a, [x, y], i) => a + x! * ring[i + 1]![1]! - ring[i + 1]![0]! * y!, 0);
    expect(area).toBeGreaterThan(0);
    expect(ring[0]![0]).toBeGreaterThan(126); // lon first
  });

  it('query --format parquet writes GeoParquet with the rows; it needs --out', async () => {
    const out = path.join(workspace, 'q.parquet');
    const r = pilji('query', '-e', "parcels | where JIMOK == '대' | select PNU, JIMOK", '--format', 'parquet', '--out', out);
    expect(r.stderr).toBe('');
    const { parquetMetadataAsync, parquetReadObjects } = await import('hyparquet');
    const { compressors } = await import('hyparquet-compressors');
    const buf = readFileSync(out);
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const meta = await parquetMetadataAsync(ab);
    expect(JSON.parse(meta.key_value_metadata!.find((kv) => kv.key === 'geo')!.value!)).toMatchObject({
      primary_column: 'geometry',
      columns: { geometry: { encoding: 'WKB' } },
    });
    const rows = await parquetReadObjects({ file: ab, columns: ['PNU', 'JIMOK'], compressors });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.JIMOK === '대')).toBe(true);
    expect(pilji('query', '-e', 'parcels | take 1', '--format', 'parquet').status).toBe(2);
  });

  it('query --format shp: a zipped cp949 shapefile GDAL reads, long Korean field names cut to 10 bytes and listed', () => {
    const out = path.join(workspace, '대지.zip');
    const r = pilji(
      'query',
      '-e',
      "parcels | where JIMOK == '대' | select PNU, BJD_NM, AREA_M2 | derive 면적평수환산값 = AREA_M2 / 3.3058, 면적평수환산값2 = 1",
      '--format',
      'shp',
      '--out',
      out,
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('field name cut to 10 bytes: 면적평수환산값 → 면적평수환');
    expect(zipEntries(out).sort()).toEqual(['대지.cpg', '대지.dbf', '대지.prj', '대지.shp', '대지.shx', '대지_필드이름.txt']);
    // GDAL reads the shapefile straight out of the zip
    const shp = `/vsizip/${out}/대지.shp`;
    const info = execFileSync('ogrinfo', ['-al', '-so', shp], { encoding: 'utf8' });
    const count = Number(pilji('query', '-e', "parcels | where JIMOK == '대' | stats count()").stdout.split(/\r?\n/)[1]);
    expect(info).toContain(`Feature Count: ${count}`);
    expect(info).toMatch(/Geometry: Polygon/);
    expect(info).toMatch(/BJD_NM: String/);
    expect(info).toMatch(/면적평수환: Real/);
    expect(info).toMatch(/면적평수1: (Integer64|Real)/);
    const feature = execFileSync('ogrinfo', ['-al', '-fid', '0', shp], { encoding: 'utf8' });
    expect(feature).toMatch(/BJD_NM \(String\) = 서울특별시 /);
    expect(feature).toMatch(/PNU \(String\) = \d{19}/);
  });

  it('query writes a file with geometry as WKT', () => {
    const out = path.join(workspace, 'out.csv');
    const r = pilji('query', '-e', 'parcels | select PNU | take 2', '--out', out);
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('PNU,geometry');
    expect(lines[1]).toMatch(/^\d{19},"POLYGON \(\(/);
  });

  it('a DSL error prints line:col, the line with a caret under the place, the hint, and exits 1', () => {
    const r = pilji('query', '-e', 'parcels\n| where JIMOKK == 1');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("2:9: unknown column 'JIMOKK' — did you mean 'JIMOK'?\n2 | | where JIMOKK == 1\n  |         ^^^^^^\n");
    const typed = pilji('query', '-e', 'parcels | where BJD_CD == 1111010200');
    expect(typed.status).toBe(1);
    expect(typed.stderr).toBe(
      [
        '1:27: BJD_CD is text',
        '1 | parcels | where BJD_CD == 1111010200',
        '  |                           ^^^^^^^^^^',
        "  = hint: write '1111010200'",
        '',
      ].join('\n'),
    );
  });

  it('usage errors exit 2 with a message', () => {
    const r = pilji('match');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/give the file to match/);
    expect(pilji('import').status).toBe(2);
    expect(pilji('query', '--nope').status).toBe(2);
    expect(pilji('frobnicate').status).toBe(2);
  });
});

describe('pilji import', () => {
  it('imports a zip-less shapefile set and prints the summary as JSON; the store answers queries', async () => {
    const w = await synthShapefile('11140', 120, {
      dir: tempDir('cli-src'),
      name: 'LSMD_CONT_LDREG_11140_202406',
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'cp949',
      cpg: false,
      defectRate: 0.05,
    });
    const store = path.join(tempDir('cli-store'), 'store');
    const r = pilji('import', `${w.base}.shp`, '--store', store, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { imported: number; rejected: number; files: { encoding: string }[]; reportPath: string };
    expect(summary.imported).toBe(w.validPnus.length);
    expect(summary.rejected).toBe(w.defects.length);
    expect(summary.files[0]!.encoding).toBe('cp949');
    const q = pilji('query', '--store', store, '-e', 'parcels | stats count() by SGG_NM');
    expect(q.stdout.trim().split(/\r?\n/)).toEqual(['SGG_NM,count', `중구,${w.validPnus.length}`]);
  });

  it('query --format csv writes a formula-looking value as text (OWASP), a negative number as a number', () => {
    const r = pilji('query', '-e', "parcels | take 1 | derive f = '=HYPERLINK(1)', n = -3 | select f, n");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split(/\r?\n/).slice(0, 2)).toEqual(['f,n,geometry', expect.stringMatching(/^'=HYPERLINK\(1\),-3,"?POLYGON/)]);
  });

  it('serve stops on SIGTERM (its stop is forced after 10 s, or at once on a second signal)', async () => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin/pilji.mjs'), 'serve', '--port', '0', '--json', '--workspace', tempDir('cli-serve')],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('"url"') && resolve());
      child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('fails with a message and exit 1 on input it cannot read', () => {
    const r = pilji('import', path.join(root, 'package.json'), '--store', tempDir('cli-bad'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not a shapefile, folder or \.zip/);
  });
});

/** Entry names of a zip, from its central directory (what any unzip tool lists). */
function zipEntries(file: string): string[] {
  const b = readFileSync(file);
  const end = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = b.readUInt16LE(at + 28);
    names.push(b.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return names;
}
