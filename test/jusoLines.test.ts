import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EncodingError, LineCountError, writeNumberedLines } from '../electron/juso/cp949Lines';
import { tempDir } from './store/synthFixtures';

/** The 도로명주소 files' lines restaged for DuckDB: UTF-8, numbered by file and line, column count checked. */
describe('cp949 lines staged for DuckDB', () => {
  const dir = tempDir('juso-lines');
  const copy = async (bytes: Buffer, columns: number, file = 3) => {
    const input = path.join(dir, 'in.txt');
    const output = path.join(dir, 'out.csv');
    writeFileSync(input, bytes);
    const out = createWriteStream(output);
    // a small read size, so that lines and double-byte characters are cut between chunks
    const n = await writeNumberedLines(createReadStream(input, { highWaterMark: 7 }), out, file, columns);
    await new Promise<void>((res) => out.end(res));
    return { n, text: readFileSync(output, 'utf8') };
  };

  it('decodes cp949 (Hangul, Hanja, extended syllables) to UTF-8 and numbers each line', async () => {
    const lines = ['서울특별시|종로구|세종대로', '', '똠방각하|漢字|뷁·쀍', '강원특별자치도|춘천시|소양로'];
    const { n, text } = await copy(iconv.encode(lines.join('\r\n'), 'cp949'), 3);
    expect(n).toBe(3);
    expect(text).toBe('3|1|서울특별시|종로구|세종대로\n3|3|똠방각하|漢字|뷁·쀍\n3|4|강원특별자치도|춘천시|소양로\n');
  });

  it('copies UTF-8 with a BOM as it is', async () => {
    const { text } = await copy(Buffer.from('\uFEFF가|나\n다|라\n'), 2, 0);
    expect(text).toBe('0|1|가|나\n0|2|다|라\n');
  });

  it('refuses a line with another column count, or bytes that are not cp949, by line', async () => {
    await expect(copy(iconv.encode('가|나|다\r\n가|나\r\n', 'cp949'), 3)).rejects.toEqual(new LineCountError(2, 2));
    await expect(copy(Buffer.concat([iconv.encode('가|나\n', 'cp949'), Buffer.from([0x41, 0x7c, 0xc9, 0x20, 0x0a])]), 2)).rejects.toEqual(
      new EncodingError(2),
    );
    await expect(copy(Buffer.from('\uFEFF가|나\n\xff|x\n', 'latin1'), 2)).rejects.toBeInstanceOf(EncodingError);
  });
});
