import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { zipShapefile } from '../../bench/synth/cadastralShapefile';
import { findShapefileSets } from '../../electron/store/import/shapefileInputs';
import { IMPORT_ZIP_LIMITS, ZipBudget, ZipError } from '../../electron/zip/zipArchive';
import { synthShapefile, tempDir } from './synthFixtures';
import { zipBuffers } from './zipFixtures';

/** Every file under `dir` with its size: what an extraction left on disk. */
function filesUnder(dir: string): { file: string; bytes: number }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ file: path.join(e.parentPath, e.name), bytes: statSync(path.join(e.parentPath, e.name)).size }));
}

describe('zips met in folders and in zips', async () => {
  const src = tempDir('zipwalk');
  const a = await synthShapefile('11110', 50, {
    dir: path.join(src, 'a'),
    name: 'LSMD_CONT_LDREG_11110_202406',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: true,
  });
  const b = await synthShapefile('11140', 50, {
    dir: path.join(src, 'b'),
    name: 'LSMD_CONT_LDREG_11140_202406',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: true,
    seed: 3,
  });

  it('opens a zip inside a given folder (an upload), labelled by the zip and checksummed as it', async () => {
    const upload = path.join(src, 'upload');
    mkdirSync(upload);
    await zipShapefile(a.base, path.join(upload, '종로구.zip'), '종로');
    const sets = await findShapefileSets([upload], tempDir('scratch'));
    expect(sets.map((s) => [s.label, path.basename(s.origin)])).toEqual([['종로구.zip:종로/LSMD_CONT_LDREG_11110_202406', '종로구.zip']]);
  });

  it('opens a zip inside a zip; labels name the path through both', async () => {
    const inner = await zipShapefile(b.base, path.join(src, 'b.zip'));
    const outer = await zipBuffers(path.join(src, 'outer.zip'), { 'seoul/b.zip': readFileSync(inner) });
    const sets = await findShapefileSets([outer], tempDir('scratch'));
    expect(sets.map((s) => [s.label, s.origin])).toEqual([['outer.zip:seoul/b.zip:LSMD_CONT_LDREG_11140_202406', outer]]);
  });

  it('decodes entry names a Windows-style writer stored in cp949 without the UTF-8 flag', async () => {
    // Info-ZIP's zip in the C locale stores the names' bytes as they are (cp949 here), flag unset,
    // as Explorer and 알집 do on Korean Windows
    const dir = tempDir('cp949names');
    const folder = Buffer.concat([Buffer.from(`${dir}/`), cp949('서울 종로구')]);
    mkdirSync(folder);
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) {
      writeFileSync(
        Buffer.concat([folder, Buffer.from('/'), cp949('연속지적도'), Buffer.from(`.${ext}`)]),
        readFileSync(`${a.base}.${ext}`),
      );
    }
    const zip = path.join(src, 'windows.zip');
    execFileSync('zip', ['-r', '-X', '-q', zip, '.'], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
    expect(zipFlags(zip)).toEqual([0]); // no UTF-8 flag on any entry
    const sets = await findShapefileSets([zip], tempDir('scratch'));
    expect(sets.map((s) => s.label)).toEqual(['windows.zip:서울 종로구/연속지적도']);
  });
});

describe('decompression bombs', () => {
  it('refuses an entry that expands 1000:1 before writing any of it', async () => {
    const dir = tempDir('bomb');
    const zip = await zipBuffers(path.join(dir, 'bomb.zip'), { 'a.shp': Buffer.alloc(64 * 1024 * 1024), 'a.dbf': Buffer.from('x') });
    expect(statSync(zip).size).toBeLessThan(200_000);
    const scratch = tempDir('bomb-scratch');
    const refused = await findShapefileSets([zip], scratch).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ZipError);
    expect((refused as ZipError).code).toBe('zip_ratio');
    expect((refused as ZipError).message).toMatch(
      /bomb\.zip: entry 'a\.shp' expands \d+:1 \(.+ KiB to 64\.0 MiB\), more than the limit of 200:1/,
    );
    expect(filesUnder(scratch)).toEqual([]);
  });

  it('refuses zips whose total passes the budget, nested ones counted with their parent', async () => {
    const dir = tempDir('budget');
    const random = randomBytes(2 * 1024 * 1024); // incompressible: only the total can refuse it
    const first = await zipBuffers(path.join(dir, 'first.zip'), { 'x.bin': random });
    const folder = path.join(dir, 'upload');
    mkdirSync(folder);
    await zipBuffers(path.join(folder, '1.zip'), { 'x.bin': random });
    await zipBuffers(path.join(folder, '2.zip'), { 'y.bin': random });
    const budget = new ZipBudget({ ...IMPORT_ZIP_LIMITS, maxTotalBytes: 3 * 1024 * 1024 });
    const scratch = tempDir('budget-scratch');
    const refused = await findShapefileSets([folder], scratch, budget).catch((e: unknown) => e);
    expect((refused as ZipError).code).toBe('zip_too_large');
    expect((refused as ZipError).message).toBe(
      '2.zip: unpacks to 2.0 MiB (with 2.0 MiB already unpacked), more than the limit of 3.0 MiB; refused as a possible decompression bomb',
    );
    expect(filesUnder(scratch).map((f) => f.bytes)).toEqual([random.length]); // the first, nothing of the second
    // the same budget is spent: a later zip of the same call is refused too
    await expect(findShapefileSets([first], tempDir('s'), budget)).rejects.toThrow(
      /unpacks to 2\.0 MiB \(with 2\.0 MiB already unpacked\)/,
    );
  });
});

function cp949(text: string): Buffer {
  return iconv.encode(text, 'cp949');
}

/** The distinct general-purpose flags of a zip's central directory entries, read from its bytes. */
function zipFlags(file: string): number[] {
  const bytes = readFileSync(file);
  const flags = new Set<number>();
  for (let at = bytes.indexOf(CENTRAL_HEADER); at >= 0; at = bytes.indexOf(CENTRAL_HEADER, at + 4))
    flags.add(bytes.readUInt16LE(at + 8) & 0x800);
  return [...flags];
}
const CENTRAL_HEADER = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
