import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../electron/models/xlsxReader';
import { ZipError } from '../../electron/zip/zipArchive';
import { tempDir } from '../store/synthFixtures';
import { zipBuffers } from '../store/zipFixtures';
import { workbook } from './xlsxFixture';

describe('reading .xlsx', () => {
  it('the first sheet by default; a chosen one by name; values as the file stores them', async () => {
    const file = await workbook();
    const first = await readXlsx(file);
    expect(first).toMatchObject({ sheet: '안내', sheets: ['안내', '신청 목록'], header: ['이 파일은 신청 목록입니다'], rows: [] });

    const t = await readXlsx(file, '신청 목록');
    expect(t.header).toEqual(['관리번호', '소재지', '면적', '신청일', 'PNU', '메모', '확인', '합계', 'column_9']);
    expect(t.rows).toEqual([
      ['007', '서울 종로구 청운동 12-3', '12.5', '2024-06-30', '1111010100100120003', '굵게 보통', 'TRUE', '25', ''],
      [
        '008',
        '서울특별시 중구 무교동 9-12',
        '0.30000000000000004',
        '',
        '1114010100100090012',
        '',
        'FALSE',
        '0.6000000000000001',
        '넘친 칸',
      ],
    ]);
  });

  it('a clear error for a missing sheet and for a file that is not a workbook', async () => {
    const file = await workbook();
    await expect(readXlsx(file, '없음')).rejects.toThrow("no sheet '없음' (the workbook has: 안내, 신청 목록)");
    await expect(readXlsx(path.join(import.meta.dirname, 'xlsx.test.ts'))).rejects.toThrow(/not an \.xlsx workbook/);
  });
});

describe('an .xlsx that is a decompression bomb', () => {
  /** The parts of a minimal workbook, one of them padded to expand far beyond its size in the zip. */
  async function bomb(padded: 'xl/worksheets/sheet1.xml' | 'xl/workbook.xml'): Promise<string> {
    const filler = '<row/>'.repeat((64 * 1024 * 1024) / 6);
    const parts: Record<string, string> = {
      'xl/workbook.xml': '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>PNU</t></is></c></row></sheetData></worksheet>',
    };
    parts[padded] =
      parts[padded]!.replace(/<\/(sheetData|sheets)>/, (m) => `${padded.includes('sheet1') ? filler : ''}${m}`) +
      (padded === 'xl/workbook.xml' ? `<!--${filler}-->` : '');
    return zipBuffers(
      path.join(tempDir('xlsx-bomb'), 'bomb.xlsx'),
      Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Buffer.from(v)])),
    );
  }

  it.each(['xl/worksheets/sheet1.xml', 'xl/workbook.xml'] as const)(
    'refuses a workbook whose %s expands 1000:1, before inflating it',
    async (part) => {
      const file = await bomb(part);
      const refused = await readXlsx(file).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ZipError);
      expect((refused as ZipError).code).toBe('zip_ratio');
      expect((refused as ZipError).message).toContain(`entry '${part}' expands`);
      expect((refused as ZipError).message).toMatch(
        /to 64\.0 MiB\), more than the limit of 200:1; refused as a possible decompression bomb$/,
      );
    },
  );
});
