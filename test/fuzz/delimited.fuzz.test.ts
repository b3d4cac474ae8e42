import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvQuote } from '../../electron/export/csv';
import { DelimitedTextError, readDelimitedText } from '../../electron/models/delimitedText';
import { tempDir } from '../store/synthFixtures';
import { fuzzParams, fuzzTimeout } from './fuzzConfig';

/** The CSV/TSV reader: what Pilji writes reads back exactly; anything else reads or fails with its file and line. */
const dir = tempDir('fuzz-csv');
let n = 0;
const write = (bytes: Uint8Array | string) => {
  const file = path.join(dir, `f${n++}.csv`);
  writeFileSync(file, bytes);
  return file;
};
const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '"', '""', ',', '\r\n', '\n', '0012', '1111010100100010000', '서울 종로구', '산12-3', ' 공백 '),
);

describe('fuzz: CSV/TSV reader', () => {
  const runs = 400;
  it(
    `${runs}× a table written as CSV (UTF-8 or cp949) reads back value for value`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 5 }),
          fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 8 }),
          fc.boolean(),
          async (columns, rows, cp949) => {
            const header = Array.from({ length: columns }, (_, i) => `열${i}`);
            const body = rows.map((r) => r.slice(0, columns));
            // cp949 cannot hold every character: only text it can encode is written that way
            const text = [header, ...body].map((r) => r.map(csvQuote).join(',')).join('\r\n') + '\r\n';
            const encodable = !cp949 || iconv.decode(iconv.encode(text, 'cp949'), 'cp949') === text;
            const file = write(cp949 && encodable ? iconv.encode(text, 'cp949') : '\uFEFF' + text);
            const table = await readDelimitedText(file, cp949 && encodable ? 'cp949' : undefined);
            expect(table.header).toEqual(header);
            // a row of one empty field is a blank line, which the reader skips
            expect(table.rows).toEqual(body.filter((r) => !(columns === 1 && r[0] === '')));
          },
        ),
        fuzzParams(runs),
      );
    },
    fuzzTimeout(runs, 5),
  );

  it(
    `${runs}× broken bytes read, or fail naming the file (and the line when a row is wrong)`,
    async () => {
      const SEED = Buffer.from('관리번호,소재지,비고\r\n001,"서울 종로구 이화동 21-3","있음, 쉼표"\r\n002,중구 무교동 9-12,\r\n', 'utf8');
      const broken = fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        fc
          .tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat())
          .map(([edits, cut]) => {
            const b = Buffer.from(SEED);
            for (const [at, v] of edits) b[at % b.length] = v;
            return b.subarray(0, cut % (b.length + 1) || b.length);
          }),
      );
      await fc.assert(
        fc.asyncProperty(broken, async (bytes) => {
          const file = write(bytes);
          try {
            const table = await readDelimitedText(file);
            for (const r of table.rows) expect(r).toHaveLength(table.header.length);
          } catch (e) {
            expect(e).toBeInstanceOf(Error);
            expect((e as Error).message.startsWith(`${file}: `)).toBe(true);
            if (/fields, the header has/.test((e as Error).message)) expect((e as Error).message).toMatch(/line \d+ has/);
          }
        }),
        fuzzParams(runs),
      );
    },
    fuzzTimeout(runs, 5),
  );

  it("the thrown errors are the reader's own", async () => {
    const file = write('a,b\r\n1,2,3\r\n');
    await expect(readDelimitedText(file)).rejects.toBeInstanceOf(DelimitedTextError);
  });
});
